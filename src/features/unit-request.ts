import type { MarkedText } from '../messaging/protocol';
import type { createTranslateClient } from '../messaging/translate-client';
import type { BackendId } from '../settings/schema';
import type { UnitContent } from '../sites/types';
import { isChinese } from '../text/detect';
import type { TranslateOutcome } from '../messaging/wire';
import { backendLabel } from '../ui/backend-label';
import type { OverlayState } from '../ui/overlay-state';

/** Only the Chinese parts of a unit are translated; null when it has none. */
export function chineseParts(content: UnitContent): UnitContent | null {
  const text = isChinese(content.text, content.mentions) ? content.text : '';
  const tags = content.tags.filter((tag) => isChinese(tag, []));
  return text || tags.length > 0 ? { text, mentions: text ? content.mentions : [], tags } : null;
}

export function sameRequest(a: UnitContent | null, b: UnitContent | null): boolean {
  return (
    !!a &&
    !!b &&
    a.text === b.text &&
    a.mentions.join('\n') === b.mentions.join('\n') &&
    a.tags.join('\n') === b.tags.join('\n')
  );
}

/** The body with its marked mentions, then each hashtag (which marks none). */
function textsOf(request: UnitContent): MarkedText[] {
  const tags = request.tags.map((tag) => ({ text: tag, mentions: [] }));
  return request.text ? [{ text: request.text, mentions: request.mentions }, ...tags] : tags;
}

/** Asks for the body's and the hashtags' translations together. */
export function translateRequest(
  client: ReturnType<typeof createTranslateClient>,
  request: UnitContent,
  retry: boolean,
  backend?: BackendId,
): Promise<TranslateOutcome[]> {
  return Promise.all(textsOf(request).map((text) => client.translate(text, retry, backend)));
}

/** The body's and the hashtags' translations if the cache has every one of them, else null. */
export async function cachedRequest(
  client: ReturnType<typeof createTranslateClient>,
  request: UnitContent,
): Promise<TranslateOutcome[] | null> {
  const outcomes = await Promise.all(textsOf(request).map((text) => client.cached(text)));
  return outcomes.every((outcome): outcome is TranslateOutcome => outcome !== null) ? outcomes : null;
}

/** What an overlay or popover shows for a unit's outcomes: the first error, or everything translated. */
export function overlayStateOf(request: Pick<UnitContent, 'text'>, outcomes: readonly TranslateOutcome[]): OverlayState {
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed && !failed.ok) return { status: 'error', message: failed.error.message };
  const translations = outcomes.map((outcome) => (outcome.ok ? outcome.translation : ''));
  const backendId = outcomes[0]?.ok ? outcomes[0].backend : undefined;
  const backend = backendId ? backendLabel(backendId) : '';
  const slang = new Map(outcomes.flatMap((outcome) => (outcome.ok ? (outcome.slang ?? []) : [])).map((e) => [e.term, e]));
  return {
    status: 'done',
    text: request.text ? translations[0]! : '',
    tags: request.text ? translations.slice(1) : translations,
    backend,
    ...(backendId ? { backendId } : {}),
    slang: [...slang.values()],
  };
}
