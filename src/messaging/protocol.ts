/**
 * The one message protocol between content scripts and the background. Content scripts import
 * only types and the send helpers from here; the background validates every request with
 * `parseBackgroundRequest`, since a message is untrusted input.
 */
import type { PageSettings } from '../settings/schema';
import type { TranslateOutcome } from '../translation/service';

export const MAX_TEXTS_PER_MESSAGE = 200;
export const MAX_TEXT_LENGTH = 20_000;

export interface TranslateRequest {
  type: 'translate';
  texts: string[];
  /** The reader pressed Retry: ask the primary backend even if it is paused. */
  retry?: boolean;
}

export interface GetPageSettingsRequest {
  type: 'get-page-settings';
}

export type BackgroundRequest = TranslateRequest | GetPageSettingsRequest;

export interface BackgroundResponses {
  translate: TranslateOutcome[];
  'get-page-settings': PageSettings;
}

/** Background → content script: settings the page cares about changed. */
export interface PageSettingsChanged {
  type: 'page-settings-changed';
  settings: PageSettings;
}

export type ContentMessage = PageSettingsChanged;

export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, texts, retry } = message as Record<string, unknown>;
  if (type === 'get-page-settings') return { type };
  if (type !== 'translate' || !Array.isArray(texts)) return null;
  if (texts.length > MAX_TEXTS_PER_MESSAGE) return null;
  if (!texts.every((text) => typeof text === 'string' && text.length <= MAX_TEXT_LENGTH)) return null;
  return { type, texts: texts as string[], retry: retry === true };
}

export function isContentMessage(message: unknown): message is ContentMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'page-settings-changed'
  );
}
