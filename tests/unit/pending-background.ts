import { vi } from 'vitest';
import { browser } from 'wxt/browser';

/** A message a content-side test's code sent to the background. */
export interface BackgroundRequest {
  type: string;
  url?: string;
  key?: string;
  [field: string]: unknown;
}

/** A sent message and the hands that settle the promise `sendMessage` gave for it. */
export interface SentMessage {
  request: BackgroundRequest;
  answer: (value: unknown) => void;
  fail: (error: Error) => void;
}

export interface PendingBackground {
  /** Every message sent so far, in order, each waiting until the test answers or fails it. */
  readonly sent: SentMessage[];
  /** The requests of `type` sent so far, in order. */
  requestsOf(type: string): BackgroundRequest[];
  /** The message sent last (fails the test when none was sent). */
  last(): SentMessage;
}

/**
 * The extension's background, faked for content-side tests: `browser.runtime.sendMessage` is
 * spied on and each message waits until the test answers it, so a test decides when (and
 * whether) an image's reading or a capture comes back. Undo with `vi.restoreAllMocks()`.
 */
export function fakeBackground(): PendingBackground {
  const sent: SentMessage[] = [];
  const sendMessage = ((request: BackgroundRequest) =>
    new Promise<unknown>((answer, fail) => sent.push({ request, answer, fail }))) as unknown as typeof browser.runtime.sendMessage;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(sendMessage);
  return {
    sent,
    requestsOf: (type) => sent.filter((message) => message.request.type === type).map((message) => message.request),
    last: () => {
      const message = sent[sent.length - 1];
      if (!message) throw new Error('no message was sent to the background');
      return message;
    },
  };
}
