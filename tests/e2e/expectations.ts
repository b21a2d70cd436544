import { readFileSync } from 'node:fs';

export interface ExpectationItem {
  id: string;
  expect: 'translate' | 'skip' | 'dont_care';
  category: string;
  kind: string;
  when: string[];
  parent?: string;
  text?: string;
}

interface ExpectationsFile {
  pages: Record<string, { items: ExpectationItem[]; note_ids?: Record<string, string> }>;
}

const file = JSON.parse(
  readFileSync(new URL('../fixtures/xhs/expectations.json', import.meta.url), 'utf8'),
) as ExpectationsFile;

/**
 * The fixture items of a page whose every `when` condition is among `done` (for example
 * `initial`, `expand`, `feed-batch:1`, `open:<noteId>`; `expand:<id>` counts as `expand`).
 */
export function itemsPresentAfter(page: 'feed.html' | 'note.html', done: string[]): ExpectationItem[] {
  return file.pages[page]!.items.filter((item) =>
    item.when.every((condition) => done.includes(condition) || done.includes(condition.split(':')[0]!)),
  );
}

export function noteIdOf(shortId: string): string {
  const ids = file.pages['feed.html']!.note_ids!;
  return ids[shortId]!;
}
