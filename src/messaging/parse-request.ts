/**
 * The background's check of every request: a message is untrusted input (any content script of
 * a web page may send one), so each field is checked and only the known ones are kept.
 */
import { parseDraft, parseDraftKey } from '../drafts/draft';
import type { Rect } from '../ocr/types';
import { BACKEND_IDS, REPLY_TONES, SUBTITLE_LANGUAGES, type BackendId, type ReplyTone, type SubtitleLanguage } from '../settings/schema';
import { MAX_MENTIONS_PER_TEXT, MAX_TEXT_LENGTH, MAX_TEXTS_PER_MESSAGE, type BackgroundRequest } from './protocol';
import { MAX_ROMANIZE_TEXT_LENGTH, MAX_SUBTITLE_TRACKS, ROMANIZE_AS, type RomanizeAs, type SubtitlesRequest } from './protocol';
import type { SubtitleTrack } from '../sites/types';

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function isMention(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

/** `mentions` as a request may carry it: absent, or one list of strings per text. */
function parseMentions(value: unknown, texts: readonly string[]): { mentions?: string[][] } | null {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length !== texts.length) return null;
  const valid = value.every(
    (list): list is string[] => Array.isArray(list) && list.length <= MAX_MENTIONS_PER_TEXT && list.every(isMention),
  );
  return valid ? { mentions: value as string[][] } : null;
}

const MAX_URL_LENGTH = 4096;
const MAX_KEY_LENGTH = 512;

function isImageUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function isImageKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY_LENGTH;
}

/** A rectangle of the viewport in CSS pixels: finite, inside a generous 20,000 px, not empty. */
function parseViewportRect(value: unknown): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const parts = [x, y, width, height];
  if (!parts.every((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 20_000)) return null;
  if ((width as number) < 1 || (height as number) < 1) return null;
  return { x: x as number, y: y as number, width: width as number, height: height as number };
}

function isRomanizable(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ROMANIZE_TEXT_LENGTH;
}

function isRomanizeAs(value: unknown): value is RomanizeAs {
  return (ROMANIZE_AS as readonly unknown[]).includes(value);
}

function isTone(value: unknown): value is ReplyTone {
  return (REPLY_TONES as readonly unknown[]).includes(value);
}

function isSubtitleLanguage(value: unknown): value is SubtitleLanguage {
  return (SUBTITLE_LANGUAGES as readonly unknown[]).includes(value);
}

/** Checks a message field by field and keeps only the known fields; null for anything else. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const fields = message as Record<string, unknown>;
  const retry = fields.retry === true;
  switch (fields.type) {
    case 'get-page-settings':
      return { type: 'get-page-settings' };
    case 'translate': {
      const { texts } = fields;
      if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every(isText)) return null;
      const mentions = parseMentions(fields.mentions, texts);
      if (!mentions) return null;
      if (fields.backend === undefined) return { type: 'translate', texts, ...mentions, retry };
      if (!(BACKEND_IDS as readonly unknown[]).includes(fields.backend)) return null;
      return { type: 'translate', texts, ...mentions, retry, backend: fields.backend as BackendId };
    }
    case 'cached-translations': {
      const { texts } = fields;
      if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every(isText)) return null;
      const mentions = parseMentions(fields.mentions, texts);
      return mentions ? { type: 'cached-translations', texts, ...mentions } : null;
    }
    case 'translate-reply':
      return isText(fields.text) && isTone(fields.tone)
        ? { type: 'translate-reply', text: fields.text, tone: fields.tone, retry }
        : null;
    case 'check-reply':
      return isText(fields.text) ? { type: 'check-reply', text: fields.text, retry } : null;
    case 'get-draft':
    case 'discard-draft': {
      const key = parseDraftKey(fields.key);
      return key ? { type: fields.type, key } : null;
    }
    case 'save-draft': {
      const key = parseDraftKey(fields.key);
      const draft = parseDraft(fields.draft);
      return key && draft ? { type: 'save-draft', key, draft } : null;
    }
    case 'set-reply-tone':
      return isTone(fields.tone) ? { type: 'set-reply-tone', tone: fields.tone } : null;
    case 'set-subtitle-language':
      return isSubtitleLanguage(fields.language) ? { type: 'set-subtitle-language', language: fields.language } : null;
    case 'test-backend':
      return (BACKEND_IDS as readonly unknown[]).includes(fields.backend)
        ? { type: 'test-backend', backend: fields.backend as BackendId, settings: fields.settings }
        : null;
    case 'cache-stats':
    case 'clear-cache':
    case 'backend-health':
    case 'ocr-status':
    case 'release-ocr':
      return { type: fields.type };
    case 'read-image':
      return isImageUrl(fields.url) && isImageKey(fields.key) ? { type: 'read-image', url: fields.url, key: fields.key } : null;
    case 'capture-image': {
      const rect = parseViewportRect(fields.rect);
      const ratio = fields.pixelRatio;
      if (!isImageKey(fields.key) || !rect || typeof ratio !== 'number' || !(ratio > 0 && ratio <= 8)) return null;
      return { type: 'capture-image', key: fields.key, rect, pixelRatio: ratio };
    }
    case 'romanize': {
      const { texts } = fields;
      if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every(isRomanizable)) return null;
      return isRomanizeAs(fields.as) ? { type: 'romanize', texts, as: fields.as } : null;
    }
    case 'subtitles':
      return parseSubtitlesRequest(fields);
    default:
      return null;
  }
}

const NOTE_ID = /^[A-Za-z0-9]{1,64}$/;

/** Only the shape here: which tracks may be fetched is the subtitle loader's check (`validTrack`). */
function parseSubtitlesRequest(fields: Record<string, unknown>): SubtitlesRequest | null {
  const { noteId, tracks, xsecToken } = fields;
  if (typeof noteId !== 'string' || !NOTE_ID.test(noteId)) return null;
  if (tracks === null) {
    if (xsecToken === undefined) return { type: 'subtitles', noteId, tracks: null };
    return typeof xsecToken === 'string' && xsecToken.length <= 200 ? { type: 'subtitles', noteId, tracks: null, xsecToken } : null;
  }
  if (!Array.isArray(tracks) || tracks.length > MAX_SUBTITLE_TRACKS) return null;
  const kept: SubtitleTrack[] = [];
  for (const track of tracks) {
    if (typeof track !== 'object' || track === null) return null;
    const { group, language, url } = track as Record<string, unknown>;
    if (typeof group !== 'string' || typeof language !== 'string' || typeof url !== 'string') return null;
    if (group.length > 20 || language.length > 20 || url.length > MAX_URL_LENGTH) return null;
    kept.push({ group, language, url });
  }
  return { type: 'subtitles', noteId, tracks: kept };
}
