import { browser } from 'wxt/browser';
import type { BackgroundRequest, BackgroundResponses } from './protocol';

/** Sends a request to the background and returns its typed answer. */
export async function sendToBackground<R extends BackgroundRequest>(
  request: R,
): Promise<BackgroundResponses[R['type']]> {
  return (await browser.runtime.sendMessage(request)) as BackgroundResponses[R['type']];
}
