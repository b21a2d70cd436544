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

/** Chrome clears `runtime.id` in the content scripts of an extension that was reloaded or removed. */
export function extensionIsGone(): boolean {
  return browser.runtime?.id == null;
}

/** Sends a request to the background and returns its typed answer. */
export async function sendToBackground<R extends BackgroundRequest>(
  request: R,
): Promise<BackgroundResponses[R['type']]> {
  if (extensionIsGone()) throw new ExtensionGoneError();
  return (await browser.runtime.sendMessage(request)) as BackgroundResponses[R['type']];
}
