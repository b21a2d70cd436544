import { browser } from 'wxt/browser';
import type { BackgroundRequest, BackgroundResponses } from './protocol';

/**
 * Thrown instead of sending when the extension this script belongs to was reloaded, updated,
 * disabled or removed: its background is gone for good (Chrome's "Extension context
 * invalidated"), and a newer content script, if any, has taken over the page.
 */
export class ExtensionGoneError extends Error {
  override readonly name = 'ExtensionGoneError';
  constructor() {
    super('RedBridge was updated, reloaded or turned off: this page now runs its newer version, or none');
  }
}

/**
 * The background answered nothing: it refused the request (a page asking for what only
 * extension pages may), or no listener of this version was there to answer.
 */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
  constructor(readonly requestType: string) {
    super(`RedBridge's background did not answer (${requestType})`);
  }
}

/** Chrome clears `runtime.id` in the content scripts of an extension that was reloaded or removed. */
export function extensionIsGone(): boolean {
  return browser.runtime?.id == null;
}

/**
 * Sends a request to the background and returns its typed answer; throws ExtensionGoneError
 * or NoAnswerError instead of returning nothing, so no caller handles "no answer" its own way.
 */
export async function sendToBackground<R extends BackgroundRequest>(
  request: R,
): Promise<BackgroundResponses[R['type']]> {
  if (extensionIsGone()) throw new ExtensionGoneError();
  const answer: unknown = await browser.runtime.sendMessage(request);
  if (answer === undefined || answer === null) throw new NoAnswerError(request.type);
  // The background's router answers each request with its own response type (BackgroundHandlers).
  return answer as BackgroundResponses[R['type']];
}
