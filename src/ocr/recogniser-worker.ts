/**
 * A second worker that only recognises lines (issue 28). Where onnxruntime-web gets one thread
 * (Firefox: no SharedArrayBuffer in extension pages), the OCR worker starts one, so the lines
 * of an image are read on both cores: `startRecogniserWorker` is its side, `recogniserInWorker`
 * the OCR worker's. It is the same script (`/ocr-worker.js`) under another name, and ends with
 * the OCR worker that started it.
 */
import * as ort from 'onnxruntime-web/wasm';
import { fileBytes, useExtensionWasm } from './extension-files';
import { lineRecogniserOn } from './onnx-models';
import { OCR_FILES } from './packaged-files';
import type { RecogniserOutput } from './pipeline';
import type { LineRecogniser, RecogniserStart } from './recognition-lanes';
import type { RecogniseRequest, RecogniserWorkerMessage } from './worker-protocol';
import { messageOf } from '../untyped';

/** The part of the recogniser worker's global scope this uses. */
export interface RecogniserWorkerScope {
  location: { href: string };
  postMessage(message: RecogniserWorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RecogniseRequest>) => void): void;
}

/** The recogniser worker: loads the recogniser at once, says whether it could, then reads each line it is sent. */
export function startRecogniserWorker(scope: RecogniserWorkerScope): void {
  useExtensionWasm(scope.location.href);
  ort.env.wasm.numThreads = 1;
  const session = fileBytes(scope.location.href, OCR_FILES.recogniser).then((bytes) => ort.InferenceSession.create(bytes));
  session.then(
    () => scope.postMessage({ type: 'ready' }),
    (error: unknown) => scope.postMessage({ type: 'failed', message: messageOf(error) }),
  );
  const recognise = session.then(lineRecogniserOn);
  scope.addEventListener('message', (event) => {
    const { id, tensor, width } = event.data;
    recognise
      .then((run) => run(tensor, width))
      .then(
        ({ probs, steps, classes }) => scope.postMessage({ type: 'line', id, ok: true, probs, steps, classes }, [probs.buffer]),
        (error: unknown) => scope.postMessage({ type: 'line', id, ok: false, message: messageOf(error) }),
      );
  });
}

/** What `recogniserInWorker` needs of a Worker. */
export interface RecogniserWorkerHandle {
  postMessage(message: RecogniseRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RecogniserWorkerMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

/**
 * The OCR worker's side: a recogniser started in a worker of its own. It is ready when that
 * worker's model has loaded; it fails when the model cannot load or the worker dies, and every
 * line it was reading then fails with it.
 */
export function recogniserInWorker(startWorker: () => RecogniserWorkerHandle): RecogniserStart {
  return () =>
    new Promise<LineRecogniser>((resolveReady, rejectReady) => {
      const worker = startWorker();
      const reading = new Map<number, { resolve(output: RecogniserOutput): void; reject(error: Error): void }>();
      let nextId = 1;
      let broken: Error | undefined;

      function fail(error: Error): void {
        broken ??= error;
        rejectReady(error);
        for (const line of reading.values()) line.reject(error);
        reading.clear();
      }

      worker.addEventListener('error', (event) => fail(new Error(`the recogniser worker stopped: ${event.message || 'no reason given'}`)));
      worker.addEventListener('message', ({ data }) => {
        if (data.type === 'ready') resolveReady(recognise);
        else if (data.type === 'failed') fail(new Error(data.message));
        else {
          const line = reading.get(data.id);
          reading.delete(data.id);
          if (data.ok) line?.resolve({ probs: data.probs, steps: data.steps, classes: data.classes });
          else line?.reject(new Error(data.message));
        }
      });

      const recognise: LineRecogniser = (tensor, width) =>
        new Promise<RecogniserOutput>((resolve, reject) => {
          if (broken) return reject(broken);
          const id = nextId++;
          reading.set(id, { resolve, reject });
          worker.postMessage({ id, tensor, width }, [tensor.buffer]);
        });
    });
}
