import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startRecogniserWorker, type RecogniserWorkerHandle, type RecogniserWorkerScope } from '../src/ocr/recogniser-worker';
import { startOcrWorker, type WorkerScope } from '../src/ocr/worker';
import { RECOGNISER_WORKER_NAME } from '../src/ocr/worker-protocol';

/**
 * The OCR worker's script (`/ocr-worker.js`): started as a dedicated Worker by the offscreen
 * page in Chrome and by the background page in Firefox (src/ocr/engine.ts). Started again by
 * that worker under RECOGNISER_WORKER_NAME, it only recognises lines (src/ocr/recogniser-worker.ts).
 */
export default defineUnlistedScript(() => {
  if (self.name === RECOGNISER_WORKER_NAME) {
    startRecogniserWorker(self as unknown as RecogniserWorkerScope);
    return;
  }
  const scope = self as unknown as Omit<WorkerScope, 'startWorker'>;
  startOcrWorker({
    location: scope.location,
    postMessage: (message) => scope.postMessage(message),
    addEventListener: (type, listener) => scope.addEventListener(type, listener),
    startWorker: (name) => new Worker(self.location.href, { name }) as RecogniserWorkerHandle,
  });
});
