import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type LocalServer } from './http';

/**
 * How a fake answers: `ok` translates; `fail` answers every request with an error status;
 * `slow` translates as `ok` but sends the answer only after `delayMs` (for timeouts);
 * `stalled-body` sends the headers and half the body at once and the rest after `delayMs` (a
 * timeout that fires while the body arrives); `malformed` answers 200 with a body that is not
 * valid JSON.
 */
export type FakeMode =
  | { kind: 'ok' }
  | { kind: 'fail'; status: number; retryAfterSeconds?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'stalled-body'; delayMs: number }
  | { kind: 'malformed' };

export interface FakeRequestRecord {
  method: string;
  path: string;
  /** The URL's query string with its leading `?`, or '' when there is none. */
  search: string;
  /** The request's Content-Type header, as sent. */
  contentType: string | undefined;
  /** The raw request body. */
  body: string;
  /** The texts the request asked to translate, as the fake read them from the body. */
  texts: string[];
  status: number;
  /** When the request arrived (`Date.now()`), for benchmarks' timelines. */
  receivedAt: number;
}

/** A fake translation server: its requests are recorded and its answers can be switched. */
export interface FakeBackend<Mode = FakeMode> extends LocalServer {
  readonly requests: FakeRequestRecord[];
  setMode(mode: Mode): void;
}

export function recordRequest(request: IncomingMessage, body: string, texts: string[]): FakeRequestRecord {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  return {
    method: request.method ?? '',
    path: url.pathname,
    search: url.search,
    contentType: request.headers['content-type'],
    body,
    texts,
    status: 200,
    receivedAt: Date.now(),
  };
}

/**
 * Sends a successful translation `body` as `mode` says: at once, after the `slow` delay, or
 * cut off half-way (`malformed`, as a dropped connection or a meddling proxy would deliver it).
 */
export function sendTranslation(
  response: ServerResponse,
  mode: Exclude<FakeMode, { kind: 'fail' }>,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (mode.kind === 'malformed') {
    const json = JSON.stringify(body);
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    response.end(json.slice(0, Math.floor(json.length / 2)));
    return;
  }
  if (mode.kind === 'stalled-body') {
    const json = JSON.stringify(body);
    const half = Math.floor(json.length / 2);
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    response.write(json.slice(0, half));
    const rest = setTimeout(() => response.end(json.slice(half)), mode.delayMs);
    response.on('close', () => clearTimeout(rest));
    return;
  }
  const send = () => sendJson(response, 200, body, headers);
  if (mode.kind === 'ok') return send();
  // The client giving up or the server closing (which closes all connections) ends the wait,
  // so a pending answer neither keeps the process alive nor writes to a closed socket.
  const timer = setTimeout(send, mode.delayMs);
  response.on('close', () => clearTimeout(timer));
}
