/**
 * Messages from the background and the popup to content scripts. A content script checks each
 * with `isContentMessage` or `isSelectionTranslation` before acting on it.
 */
import type { PageSettings } from '../settings/schema';

/** Background → content script: settings the page cares about changed. */
export interface PageSettingsChanged {
  type: 'page-settings-changed';
  settings: PageSettings;
}

/** Popup → the tab's content script: what has it found and translated? */
export interface GetTabStats {
  type: 'get-tab-stats';
}

/** Background → the tab's content script: the Alt+T command turns RedBridge off or on in this tab. */
export interface ToggleTab {
  type: 'toggle-tab';
}

export type ContentMessage = PageSettingsChanged | GetTabStats | ToggleTab;

/** Units found in a tab, and how their translations went. */
export interface TabStats {
  found: number;
  translated: number;
  fromCache: number;
  failed: number;
  /** Note images whose text was read (by OCR or from the cache). */
  imagesRead: number;
  /** Video notes whose subtitles were shown. */
  subtitlesShown: number;
  /** False when the Alt+T command turned RedBridge off in this tab. */
  active: boolean;
}

/** Background → the selection script it injected: translate and show what the user selected. */
export interface SelectionTranslation {
  type: 'selection-translation';
  text: string;
  targetLanguage: string;
}

export function isSelectionTranslation(message: unknown): message is SelectionTranslation {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'selection-translation';
}

const CONTENT_MESSAGE_TYPES: ReadonlySet<unknown> = new Set(['page-settings-changed', 'get-tab-stats', 'toggle-tab']);

export function isContentMessage(message: unknown): message is ContentMessage {
  return typeof message === 'object' && message !== null && CONTENT_MESSAGE_TYPES.has((message as { type?: unknown }).type);
}
