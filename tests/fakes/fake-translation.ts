/**
 * What the fake backends answer: a fixed English translation for the texts the README
 * screenshot shows, and `EN: <source>` for everything else, so a test can tell which source
 * text an overlay came from.
 */
const DICTIONARY: Record<string, string> = {
  '大理三天两夜保姆级攻略🌊人均1500玩到爽': 'Dali in 3 days 2 nights: a step-by-step guide 🌊 ¥1500 per person and loved every minute',
};

export const FAKE_PREFIX = 'EN: ';

export function fakeTranslate(text: string): string {
  return DICTIONARY[text] ?? `${FAKE_PREFIX}${text}`;
}

/** The source text behind a fake translation (the inverse of `fakeTranslate`). */
export function sourceOfFake(translation: string): string | null {
  if (translation.startsWith(FAKE_PREFIX)) return translation.slice(FAKE_PREFIX.length);
  const entry = Object.entries(DICTIONARY).find(([, english]) => english === translation);
  return entry ? entry[0] : null;
}

/**
 * The source texts behind an overlay's text: a backend that keeps line breaks (Google)
 * translates line by line, one that does not (LibreTranslate) the whole text at once.
 */
export function sourcesOfFake(translation: string): (string | null)[] {
  const lines = translation.split('\n').filter((line) => line.trim() !== '');
  const lineByLine = lines.length > 1 && lines.every((line) => sourceOfFake(line) !== null);
  return lineByLine ? lines.map(sourceOfFake) : [sourceOfFake(translation)];
}
