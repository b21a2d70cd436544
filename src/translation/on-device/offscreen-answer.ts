import { backendFailure, errorInfo } from '../errors';
import { ON_DEVICE_NAME, type TranslatorApi } from './api';
import {
  OFFSCREEN_TIMEOUT_MS,
  parseOffscreenRequest,
  type OffscreenTranslateRequest,
  type OffscreenTranslateResponse,
} from './offscreen-messages';
import { translateOnDevice } from './translate';

/** Who sent a runtime message (the part the offscreen page checks). */
export interface MessageSenderLike {
  id?: string;
  tab?: unknown;
}

/**
 * The offscreen page's listener: answers the background's on-device requests and returns
 * undefined for everything else, so other listeners and the sender see those unanswered.
 */
export function answerOffscreenMessage(
  message: unknown,
  sender: MessageSenderLike,
  ownId: string,
  api: TranslatorApi | undefined,
): Promise<OffscreenTranslateResponse> | undefined {
  // Only the background asks: not content scripts or extension tabs (they carry a tab), not other extensions.
  if (sender.id !== ownId || sender.tab !== undefined) return undefined;
  const request = parseOffscreenRequest(message);
  return request ? answerOffscreenRequest(api, request) : undefined;
}

/** The offscreen page's answer: never rejects, since an error cannot cross the message channel as is. */
export async function answerOffscreenRequest(
  api: TranslatorApi | undefined,
  request: OffscreenTranslateRequest,
  timeoutMs = OFFSCREEN_TIMEOUT_MS,
): Promise<OffscreenTranslateResponse> {
  try {
    const translations = await translateOnDevice(api, request.texts, request.languages, AbortSignal.timeout(timeoutMs));
    return { ok: true, translations };
  } catch (error) {
    return { ok: false, error: errorInfo(backendFailure(error, ON_DEVICE_NAME)) };
  }
}
