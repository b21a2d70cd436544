import { startLocalServer, type LocalServer } from './http';

/**
 * A fake of RedNote's subtitle CDN (`sns-subtitle-*.xhscdn.com`): `/subtitle/<name>.srt`
 * serves the SRT registered under `<name>` as the CDN does (`application/x-subrip`); a name
 * marked `forbidden` answers the CDN's permanent 403 (an XML error body), one marked `stalled`
 * sends its headers and half its body, then nothing. Every request is recorded.
 */
export interface FakeSubtitleHost extends LocalServer {
  readonly requests: string[];
  serve(name: string, srt: string): void;
  forbid(name: string): void;
  stall(name: string, srt: string): void;
  /** `https://sns-subtitle-hw.xhscdn.com/…` → the same path on this server. */
  local(url: string): string;
}

export async function startFakeSubtitleHost(): Promise<FakeSubtitleHost> {
  const files = new Map<string, { kind: 'ok' | 'forbidden' | 'stalled'; srt: string }>();
  const requests: string[] = [];
  const server = await startLocalServer((request, _body, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const name = /^\/subtitle\/([\w-]+)\.srt$/.exec(path)?.[1];
    const file = name === undefined ? undefined : files.get(name);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>');
    } else if (file.kind === 'forbidden') {
      response.writeHead(403, { 'Content-Type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    } else {
      const bytes = Buffer.from(file.srt, 'utf8');
      response.writeHead(200, { 'Content-Type': 'application/x-subrip', 'Content-Length': String(bytes.length), 'Access-Control-Allow-Origin': '*' });
      if (file.kind === 'ok') response.end(bytes);
      else response.write(bytes.subarray(0, bytes.length >> 1));
    }
  });
  return {
    ...server,
    requests,
    serve: (name, srt) => files.set(name, { kind: 'ok', srt }),
    forbid: (name) => files.set(name, { kind: 'forbidden', srt: '' }),
    stall: (name, srt) => files.set(name, { kind: 'stalled', srt }),
    local: (url) => url.replace(/^https:\/\/[^/]+/, server.url),
  };
}
