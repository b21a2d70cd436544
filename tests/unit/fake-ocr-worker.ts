import type { WorkerLike } from '../../src/ocr/engine';
import type { WorkerReadRequest } from '../../src/ocr/worker-protocol';

/**
 * The OCR engine's worker, faked: it records each request it is sent and posts back, or fails
 * as a whole, only when the test says so, so an engine's queue, timeouts and restarts can be
 * driven by hand. Extend it (override `postMessage`) for a worker that answers by itself.
 */
export class FakeOcrWorker implements WorkerLike {
  readonly posted: { message: WorkerReadRequest; transfer: Transferable[] }[] = [];
  terminated = false;
  private readonly messageListeners: ((event: MessageEvent<unknown>) => void)[] = [];
  private readonly errorListeners: ((event: ErrorEvent) => void)[] = [];

  postMessage(message: WorkerReadRequest, transfer: Transferable[]): void {
    this.posted.push({ message, transfer });
  }

  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(
    type: 'message' | 'error',
    listener: ((event: MessageEvent<unknown>) => void) | ((event: ErrorEvent) => void),
  ): void {
    if (type === 'message') this.messageListeners.push(listener as (event: MessageEvent<unknown>) => void);
    else this.errorListeners.push(listener as (event: ErrorEvent) => void);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker posts `data` back. */
  answer(data: unknown): void {
    for (const listener of this.messageListeners) listener({ data } as MessageEvent<unknown>);
  }

  /** The worker fails as a whole (an uncaught error, out of memory). */
  fail(message: string): void {
    for (const listener of this.errorListeners) listener({ message } as ErrorEvent);
  }

  /** The id of the `index`th request it was sent. */
  idOf(index: number): number {
    const posted = this.posted[index];
    if (!posted) throw new Error(`no request ${index} was posted`);
    return posted.message.id;
  }
}
