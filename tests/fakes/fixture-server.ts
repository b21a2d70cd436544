import { readFile } from 'node:fs/promises';
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

/** Serves tests/fixtures over HTTP: the pages need a real origin for pushState and storage. */
export async function startFixtureServer(): Promise<LocalServer> {
  /**
   * `/images/flaky/<file>`: the first download of each file that is not the page's own `<img>`
   * (RedBridge's, from the background) is refused, as a CDN may.
   */
  const refusedOnce = new Set<string>();
  return startLocalServer(async (request, _body, response) => {
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
    const file = join(FIXTURES, path);
    try {
      if (!file.startsWith(FIXTURES)) throw new Error('outside the fixtures');
      const content = await readFile(file);
      const body = extname(file) === '.html' ? withConfig(content.toString('utf8'), url.searchParams) : content;
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
}
