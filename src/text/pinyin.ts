/**
 * Pinyin for RedNote's Chinese: display names, which are never translated but can be said, and
 * (for English search) a query's words. Background only (lint keeps it out of the content
 * script): pinyin-pro carries a dictionary of several hundred kilobytes.
 */
import { pinyin } from 'pinyin-pro';
import type { RomanizeAs } from '../messaging/protocol';
import { detectLanguage } from './detect';

/** Chinese characters, one run at a time: `Momo在大理` has one, `阿Ben食乜好` two. */
const HAN_RUN = /\p{Script=Han}+/gu;

/** One run's syllables, each word read in context, with tone marks. */
function syllablesOf(run: string): string[] {
  return pinyin(run, { type: 'array', toneType: 'symbol' });
}

/**
 * A name's syllables: its head read as a surname (单 Shàn, 曾 Zēng, 万俟 Mòqí), the rest in
 * context. Only the surname's one or two characters take pinyin-pro's surname reading: in that
 * mode it reads what follows character by character (单车少年 would end in shǎo nián).
 */
function nameSyllablesOf(run: string): string[] {
  const syllables = syllablesOf(run);
  const asSurname = pinyin(run, { type: 'array', toneType: 'symbol', surname: 'head' });
  for (let index = 0; index < 2 && asSurname[index] !== syllables[index]; index += 1) syllables[index] = asSurname[index]!;
  return syllables;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The pinyin of the Chinese in `text`, or null when it has none (`Lily🌸`, `さくら`, `지은`).
 * Only the Chinese is read: `Momo在大理` gives `zài dà lǐ`. A name's first run starts with a
 * surname reading (单 Shàn, not dān), capitalised as a name is; its runs are set apart by `·`, so
 * a reader sees where the other script was. A text is read word by word in context (银行
 * yín háng, 行走 xíng zǒu), lower case.
 */
export function romanize(text: string, as: RomanizeAs): string | null {
  const runs = text.match(HAN_RUN);
  // Japanese written with kanji would be read wrongly in pinyin: it is not Chinese.
  if (!runs || detectLanguage(text) === 'ja') return null;
  if (as === 'text') return runs.map((run) => syllablesOf(run).join(' ')).join(' ');
  const read = runs.map((run, index) => (index === 0 ? nameSyllablesOf(run) : syllablesOf(run)).join(' '));
  return capitalised(read.join(' · '));
}
