import type { TranslateOutcome } from '../messaging/wire';
import { findSlang } from '../text/slang';
import { TranslationError } from './errors';
import type { Backend, LanguagePair } from './types';

/** A translation as the service answers it: who made it, the slang it explains, whether the tone was followed. */
export function outcome(
  text: string,
  translation: string,
  backend: Backend,
  languages: LanguagePair,
  fromCache: boolean,
  explainSlang: boolean,
): TranslateOutcome {
  const result: TranslateOutcome = { ok: true, translation, backend: backend.id, fromCache };
  const kind = backend.capabilities.kind;
  // The glossary explains Chinese slang; an LLM already had it in its prompt.
  if (explainSlang && kind === 'machine' && languages.source === 'zh') {
    const slang = findSlang(text);
    if (slang.length > 0) result.slang = slang;
  }
  if (languages.tone !== undefined) result.toneApplied = kind === 'llm';
  return result;
}

/** The primary's error, saying what the fallbacks answered too; `failures[i]` is `chain[i]`'s. */
export function chainFailure(failures: readonly TranslationError[], chain: readonly Backend[]): TranslationError {
  const [first, ...rest] = failures;
  if (!first) return new TranslationError('invalid-request', 'No translation backend is configured');
  if (rest.length === 0) return first;
  const others = rest.map((error, i) => `${chain[i + 1]!.name}: ${error.message}`).join('; ');
  return new TranslationError(first.code, `${first.message}. Fallbacks failed too (${others})`, first.status);
}
