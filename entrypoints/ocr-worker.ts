import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startOcrWorker, type WorkerScope } from '../src/ocr/worker';

/**
 * The OCR worker's script (`/ocr-worker.js`): started as a dedicated Worker by the offscreen
 * page in Chrome and by the background page in Firefox (src/ocr/engine.ts).
 */
export default defineUnlistedScript(() => {
  startOcrWorker(self as unknown as WorkerScope);
});
