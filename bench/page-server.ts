import { startLocalServer, type LocalServer } from '../tests/fakes/http';

/**
 * Serves generated pages from memory: `/bench/<name>.html`. Built once per run, they are
 * served as the stored fixtures are, from a real origin (pushState and storage need one).
 */
export async function startPageServer(pages: Record<string, string>): Promise<LocalServer> {
  return startLocalServer((request, _body, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const name = /^\/bench\/([\w-]+)\.html$/.exec(path)?.[1];
    const html = name ? pages[name] : undefined;
    if (html === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
}
