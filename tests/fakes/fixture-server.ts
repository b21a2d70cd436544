import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withConfig } from './fixture-config';
import { startLocalServer, type LocalServer } from './http';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.webm': 'video/webm',
};

/**
 * A note's own page as RedNote addresses it: `/explore/<noteId>` or `/discovery/item/<noteId>`
 * (any query). Served as `xhs/video_note.html`, which picks the note from its address.
 */
const NOTE_PAGE = /^\/(?:explore|discovery\/item)\/[0-9a-f]{24}\/?$/;
const NOTE_PAGE_FILE = 'xhs/video_note.html';

export interface FixtureServer extends LocalServer {
  /** Path and query of every note page requested (`/explore/<id>?xsec_token=…`), in order. */
  readonly notePageRequests: string[];
}

/** Serves tests/fixtures over HTTP: the pages need a real origin for pushState and storage. */
export async function startFixtureServer(): Promise<FixtureServer> {
  /**
   * `/images/flaky/<file>`: the first download of each file that is not the page's own `<img>`
   * (RedBridge's, from the background) is refused, as a CDN may.
   */
  const refusedOnce = new Set<string>();
  const notePageRequests: string[] = [];
  const server = await startLocalServer(async (request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let path = normalize(decodeURIComponent(url.pathname));
    const flaky = /^\/images\/flaky\/(.+)$/.exec(path);
    if (flaky) {
      if (request.headers['sec-fetch-dest'] !== 'image' && !refusedOnce.has(flaky[1]!)) {
        refusedOnce.add(flaky[1]!);
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end('busy');
        return;
      }
      path = `/images/${flaky[1]}`;
    }
    if (NOTE_PAGE.test(url.pathname)) {
      notePageRequests.push(url.pathname + url.search);
      path = `/${NOTE_PAGE_FILE}`;
    }
    const file = join(FIXTURES, path);
    let body: Buffer;
    try {
      if (!file.startsWith(FIXTURES)) throw new Error('outside the fixtures');
      const content = await readFile(file);
      body = extname(file) === '.html' ? Buffer.from(withConfig(content.toString('utf8'), url.searchParams), 'utf8') : content;
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    sendBytes(request, response, body, TYPES[extname(file)] ?? 'application/octet-stream');
  });
  return { ...server, notePageRequests };
}

/**
 * Sends `body`, or the part of it that a `Range: bytes=…` header asks for (206 with
 * `Content-Range`; 416 when the range lies outside the file), as browsers need to seek a
 * `<video>`. Several ranges in one header, or a header that cannot be read, get the whole file.
 */
function sendBytes(request: IncomingMessage, response: ServerResponse, body: Buffer, type: string): void {
  const range = byteRange(request.headers.range, body.length);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { 'Content-Type': 'text/plain', 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${body.length}` });
    response.end('range not satisfiable');
    return;
  }
  if (range === null) {
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': String(body.length), 'Accept-Ranges': 'bytes' });
    response.end(body);
    return;
  }
  const [start, end] = range;
  response.writeHead(206, {
    'Content-Type': type,
    'Content-Length': String(end - start + 1),
    'Accept-Ranges': 'bytes',
    'Content-Range': `bytes ${start}-${end}/${body.length}`,
  });
  response.end(body.subarray(start, end + 1));
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` → first and last byte (inclusive); null: no usable range, send everything. */
function byteRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | null {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return null;
  return start >= size ? 'unsatisfiable' : [start, end];
}
