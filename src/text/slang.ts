import glossary from './slang-glossary.json';

/**
 * The RedNote slang glossary: finds the slang, platform words and emoji shortcodes a text
 * uses, so that machine-translated units can explain them and LLM prompts can include them.
 */

export interface SlangEntry {
  term: string;
  meaning: string;
}

interface Pattern {
  variant: string;
  entry: SlangEntry;
  /**
   * A variant that starts or ends with a Latin letter or digit must not continue a word on that
   * side: `emo` not in `demo`, `666` not in `16666`, `i人` not in `taxi人`, `city不city` not in
   * `cityscape`. Matching is case-insensitive (`YYDS`).
   */
  wordStart: boolean;
  wordEnd: boolean;
}

const WORD_CHAR = /[a-z0-9]/i;

const PATTERNS: Pattern[] = glossary.entries
  .flatMap((raw) => {
    const entry: SlangEntry = { term: raw.term, meaning: raw.meaning };
    return (
      raw.term
        .split(' / ')
        .map((variant) => variant.trim().toLowerCase())
        // An empty variant would match everywhere (and never advance the search).
        .filter((variant) => variant !== '')
        .map((variant) => ({
          variant,
          entry,
          wordStart: WORD_CHAR.test(variant.charAt(0)),
          wordEnd: WORD_CHAR.test(variant.charAt(variant.length - 1)),
        }))
    );
  })
  // Longest first, so 蹲后续 claims its characters before 蹲 can.
  .sort((a, b) => b.variant.length - a.variant.length);

/** The glossary entries a text uses, in order of first appearance, each once. */
export function findSlang(text: string): SlangEntry[] {
  const lower = text.toLowerCase();
  const claimed = new Array<boolean>(lower.length).fill(false);
  const found: { at: number; entry: SlangEntry }[] = [];
  for (const { variant, entry, wordStart, wordEnd } of PATTERNS) {
    let from = 0;
    for (let at = lower.indexOf(variant, from); at !== -1; at = lower.indexOf(variant, from)) {
      from = at + 1;
      const end = at + variant.length;
      if (wordStart && WORD_CHAR.test(lower[at - 1] ?? '')) continue;
      if (wordEnd && WORD_CHAR.test(lower[end] ?? '')) continue;
      if (claimed.slice(at, end).some(Boolean)) continue;
      claimed.fill(true, at, end);
      found.push({ at, entry });
    }
  }
  const seen = new Set<SlangEntry>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter(({ entry }) => !seen.has(entry) && seen.add(entry))
    .map(({ entry }) => entry);
}

/** Every slang entry found in any of the texts, each once (for an LLM prompt). */
export function findSlangInAll(texts: readonly string[]): SlangEntry[] {
  const seen = new Set<string>();
  return texts.flatMap(findSlang).filter((entry) => !seen.has(entry.term) && seen.add(entry.term));
}

export const SLANG_ENTRY_COUNT = glossary.entries.length;
