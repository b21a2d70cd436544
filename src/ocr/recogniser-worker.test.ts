import { describe, expect, it } from 'vitest';
import { recogniserInWorker, type RecogniserWorkerHandle } from './recogniser-worker';
import type { RecogniseRequest, RecogniserWorkerMessage } from './worker-protocol';

/** A recogniser worker the test answers for. */
function fakeWorker() {
  const listeners = { message: [] as ((event: MessageEvent<RecogniserWorkerMessage>) => void)[], error: [] as ((event: ErrorEvent) => void)[] };
  const sent: { request: RecogniseRequest; transfer: Transferable[] }[] = [];
  const handle: RecogniserWorkerHandle = {
    postMessage: (request, transfer) => sent.push({ request, transfer }),
    addEventListener: (type: 'message' | 'error', listener: never) => listeners[type].push(listener),
  };
  return {
    handle,
    sent,
    say: (data: RecogniserWorkerMessage) => listeners.message.forEach((listener) => listener({ data } as MessageEvent<RecogniserWorkerMessage>)),
    crash: (message: string) => listeners.error.forEach((listener) => listener({ message } as ErrorEvent)),
  };
}

describe('recogniserInWorker', () => {
  it('is ready when the worker says its model loaded, sends each line with its tensor transferred, and gets each answer back by id', async () => {
    const worker = fakeWorker();
    const ready = recogniserInWorker(() => worker.handle)();
    worker.say({ type: 'ready' });
    const recognise = await ready;

    const tensor = new Float32Array(3 * 48 * 320);
    const first = recognise(tensor, 320);
    const second = recognise(new Float32Array(3 * 48 * 400), 400);
    expect(worker.sent.map(({ request }) => [request.id, request.width])).toEqual([
      [1, 320],
      [2, 400],
    ]);
    expect(worker.sent[0]!.transfer).toEqual([tensor.buffer]);

    worker.say({ type: 'line', id: 2, ok: true, probs: new Float32Array([2]), steps: 1, classes: 1 });
    worker.say({ type: 'line', id: 1, ok: false, message: 'out of memory' });
    await expect(second).resolves.toEqual({ probs: new Float32Array([2]), steps: 1, classes: 1 });
    await expect(first).rejects.toThrow('out of memory');
  });

  it('fails to start when the worker cannot load its model', async () => {
    const worker = fakeWorker();
    const ready = recogniserInWorker(() => worker.handle)();
    worker.say({ type: 'failed', message: 'ocr/ch_PP-OCRv4_rec_infer.onnx answered 404' });
    await expect(ready).rejects.toThrow('answered 404');
  });

  it('fails the lines it is reading, and every later one, when the worker dies', async () => {
    const worker = fakeWorker();
    const ready = recogniserInWorker(() => worker.handle)();
    worker.say({ type: 'ready' });
    const recognise = await ready;
    const reading = recognise(new Float32Array(1), 8);
    worker.crash('out of memory');
    await expect(reading).rejects.toThrow('the recogniser worker stopped: out of memory');
    await expect(recognise(new Float32Array(1), 8)).rejects.toThrow('stopped');
    expect(worker.sent).toHaveLength(1);
  });
});
