import type { Backend, LanguagePair } from './types';

/**
 * What a text's cache key is made of under one backend. A tone is part of the key only where
 * it changes the output: for LLMs. The marked mentions only where the text has an `@`:
 * elsewhere guessing finds none either, so the key is the same.
 */
export function cacheKeyParts(text: string, mentions: readonly string[] | undefined, backend: Backend, languages: LanguagePair) {
  const { source, target, tone } = languages;
  const marked = mentions !== undefined && text.includes('@') ? { mentions } : {};
  const parts = { text, ...marked, backend: backend.cacheId ?? backend.id, source, target };
  return tone !== undefined && backend.capabilities.kind === 'llm' ? { ...parts, tone } : parts;
}
