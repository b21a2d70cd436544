/**
 * One way for the HTTP backends to ask their service: send the request and read the whole
 * answer inside the same error handling, so that a refused connection, a timeout before the
 * headers and a body that stalls half-way all end as this backend's `network` or `timeout`
 * error, never as a raw DOMException the service cannot classify.
 */
import { fetchFailure } from './errors';

/** A request as the backends' pure builders make it: a POST with its body. */
export interface HttpRequest {
  url: string;
  init: RequestInit & { method: string; headers: Record<string, string>; body: string };
}

/** The answer, read to its end. */
export interface HttpAnswer {
  status: number;
  body: string;
  /** The `Retry-After` header, as sent. */
  retryAfter: string | null;
}

/** `who` names the service in error messages ("DeepL at https://…"). */
export async function sendHttp(who: string, request: { url: string; init: RequestInit }, signal: AbortSignal): Promise<HttpAnswer> {
  try {
    const response = await fetch(request.url, { ...request.init, signal });
    return { status: response.status, retryAfter: response.headers.get('Retry-After'), body: await response.text() };
  } catch (error) {
    throw fetchFailure(who, error);
  }
}
