/**
 * Translation with Chrome's built-in Translator API, and the protocol between the background
 * and the offscreen page that runs it where the service worker lacks it: the on-device/ modules,
 * gathered for their users (the chrome backend, the offscreen page, the OCR client).
 */
export {
  findTranslatorApi,
  ON_DEVICE_LIMITS,
  type OnDeviceTranslator,
  type TranslatorApi,
  type TranslatorAvailability,
  type TranslatorLanguages,
} from './on-device/api';
export { availabilityError, NOT_IN_THIS_BROWSER, untilTimedOut } from './on-device/failures';
export { languageName, onDeviceLanguage } from './on-device/languages';
export { answerOffscreenMessage, answerOffscreenRequest, type MessageSenderLike } from './on-device/offscreen-answer';
export {
  OFFSCREEN_TARGET,
  OFFSCREEN_TIMEOUT_MS,
  parseOffscreenRequest,
  readOffscreenResponse,
  type OffscreenTranslateRequest,
  type OffscreenTranslateResponse,
} from './on-device/offscreen-messages';
export { translateOnDevice } from './on-device/translate';
