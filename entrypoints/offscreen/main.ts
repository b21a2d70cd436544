import { browser } from 'wxt/browser';
import { OcrEngine } from '../../src/ocr/engine';
import { answerOffscreenOcr } from '../../src/ocr/ocr-client';
import { answerOffscreenMessage, findTranslatorApi } from '../../src/translation/on-device-translator';

/**
 * RedBridge's offscreen document (src/background/offscreen-channel.ts), opened by the service
 * worker for what it cannot do itself. A window context: it may start the OCR worker, and
 * Chrome exposes the Translator API here.
 */
let engine: OcrEngine | undefined;
/** Started on the first image: opening the document for translation costs no OCR memory. */
const ocrEngine = () => (engine ??= new OcrEngine(() => new Worker(browser.runtime.getURL('/ocr-worker.js'))));

browser.runtime.onMessage.addListener(
  (message, sender) =>
    answerOffscreenMessage(message, sender, browser.runtime.id, findTranslatorApi()) ??
    answerOffscreenOcr(message, sender, browser.runtime.id, ocrEngine),
);
