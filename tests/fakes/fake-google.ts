import { fakeTranslate } from './fake-translation';
import { recordRequest, sendTranslation, type FakeBackend, type FakeMode, type FakeRequestRecord } from './fake-backend';
import { sendJson, startLocalServer } from './http';

/**
 * Besides the shared modes, `merge-lines` answers a query of several lines as one line, as
 * Google sometimes does; a query of one line is answered as `ok`. `empty` answers 200 with no
 * sentences at all (`{"sentences":[],"src":"zh-CN"}`), as Google does now and then. `custom`
 * answers each line with what `translate` makes of it (hostile markup, bidi controls).
 */
export type FakeGoogleMode =
  | FakeMode
  | { kind: 'merge-lines' }
  | { kind: 'empty' }
  | { kind: 'custom'; translate: (line: string) => string };

/**
 * Google's free web endpoint as @vitalets/google-translate-api calls it:
 * `POST /translate_a/single?client=at&dt=t&dt=rm&dj=1`, form body `sl`, `tl`, `q`; the answer
 * is `{sentences: [{trans, orig}, …, {src_translit}], src, confidence, ld_result}`, in `tl`
 * (Chinese for a `zh-…` code, English otherwise). Google keeps line breaks, so each input
 * line comes back as its own sentence ending in `\n`.
 * Rate limiting answers 429 with Google's HTML "unusual traffic" page.
 */
export async function startFakeGoogle(): Promise<FakeBackend<FakeGoogleMode>> {
  let mode: FakeGoogleMode = { kind: 'ok' };
  const requests: FakeRequestRecord[] = [];

  const server = await startLocalServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const form = new URLSearchParams(body);
    const q = form.get('q') ?? '';
    const lines = q.split('\n');
    const record = recordRequest(request, body, lines);
    requests.push(record);

    if (request.method !== 'POST' || url.pathname !== '/translate_a/single' || url.searchParams.get('client') !== 'at') {
      record.status = 404;
      response.writeHead(404, { 'Content-Type': 'text/html' });
      response.end('<html><body>Error 404 (Not Found)</body></html>');
      return;
    }
    if (mode.kind === 'fail') {
      record.status = mode.status;
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=UTF-8' };
      if (mode.retryAfterSeconds !== undefined) headers['Retry-After'] = String(mode.retryAfterSeconds);
      response.writeHead(mode.status, headers);
      response.end(
        mode.status === 429
          ? '<html><head><title>https://translate.google.com/translate_a/single</title></head><body><div>' +
              'Our systems have detected unusual traffic from your computer network.<br><br>' +
              'IP address: 127.0.0.1<br>Time: 2026-11-24T00:00:00Z<br>URL: https://translate.google.com/translate_a/single?client=at&amp;dt=t<br>' +
              '</div></body></html>'
          : '<html><body>Error 500 (Server Error)!!1</body></html>',
      );
      return;
    }
    if (!form.get('tl') || !form.has('q')) {
      record.status = 400;
      response.writeHead(400, { 'Content-Type': 'text/html' });
      response.end('<html><body>Error 400 (Bad Request)</body></html>');
      return;
    }
    if (mode.kind === 'empty') {
      sendJson(response, 200, { sentences: [], src: 'zh-CN' });
      return;
    }
    const target = form.get('tl') ?? '';
    const translateLine = mode.kind === 'custom' ? mode.translate : (line: string) => fakeTranslate(line, target);
    const translatedLines = mode.kind === 'merge-lines' ? [lines.join(' ')] : lines;
    const sentences = translatedLines.map((line, i) => {
      const last = i === translatedLines.length - 1;
      return {
        trans: (line.trim() ? translateLine(line) : line) + (last ? '' : '\n'),
        orig: line + (last ? '' : '\n'),
        backend: 10,
      };
    });
    // Google reports the language it translated from: the one named, or what it detected,
    // which for RedNote is Chinese.
    const from = form.get('sl');
    const src = from && from !== 'auto' ? from : 'zh-CN';
    const answer = {
      sentences: [...sentences, { src_translit: '' }],
      src,
      confidence: 1,
      spell: {},
      ld_result: { srclangs: [src], srclangs_confidences: [1], extended_srclangs: [src] },
    };
    // Merging changes what is translated, not how the answer is sent.
    sendTranslation(response, mode.kind === 'merge-lines' || mode.kind === 'custom' ? { kind: 'ok' } : mode, answer);
  });

  return { ...server, requests, setMode: (next) => (mode = next) };
}
