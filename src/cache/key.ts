/** Bump when the normalisation or a backend's request format changes what a key means. */
export const CACHE_KEY_VERSION = 1;

export interface CacheKeyParts {
  /** Already normalised with `normalizeText`. */
  text: string;
  /** The backend's id, or its `cacheId` when its model or prompt changes its output. */
  backend: string;
  source: string;
  target: string;
  /** A reply's tone, only for backends that follow it (LLMs): machine output does not depend on it. */
  tone?: string;
  /** The @mentions the page marked, when the text has an `@`: they decide what is translated. */
  mentions?: readonly string[];
}

/** SHA-256 (hex) of the parts: fixed length, whatever the text's length. */
export async function cacheKey(parts: CacheKeyParts): Promise<string> {
  const fields: unknown[] = [CACHE_KEY_VERSION, parts.text, parts.backend, parts.source, parts.target];
  // Appended only when set, so every key written before tones existed stays the same.
  if (parts.tone !== undefined) fields.push(parts.tone);
  if (parts.mentions !== undefined) fields.push({ mentions: parts.mentions });
  const material = JSON.stringify(fields);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
