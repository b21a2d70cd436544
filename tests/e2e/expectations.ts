import { readFileSync } from 'node:fs';
import { sourcesOfFake } from '../fakes/fake-translation';
import type { OverlayInfo } from './overlays';

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
export function itemsPresentAfter(
  page: 'feed.html' | 'note.html' | 'notification.html' | 'profile.html' | 'search_result.html',
  done: string[],
): ExpectationItem[] {
  return file.pages[page]!.items.filter((item) =>
    item.when.every((condition) => done.includes(condition) || done.includes(condition.split(':')[0]!)),
  );
}

export function noteIdOf(shortId: string): string {
  const ids = file.pages['feed.html']!.note_ids!;
  return ids[shortId]!;
}

/** Letters and digits only: overlays hold the normalised text, the page its rendering. */
function squash(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** True when `source` is the element's words in order, with mentions and emoji left out. */
function isWordsOf(source: string, elementText: string): boolean {
  const page = squash(elementText);
  let at = 0;
  for (const char of squash(source)) {
    at = page.indexOf(char, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * Checks the fixture's expectations: every present `translate` item has a finished overlay on
 * itself or on its parent unit, whose text is the fake's translation of that element's words;
 * no `skip` item has an overlay of its own; no element has two.
 */
export function checkExpectations(items: ExpectationItem[], overlays: Map<string, OverlayInfo>): string[] {
  const problems: string[] = [];
  for (const item of items) {
    const info = overlays.get(item.id);
    if (!info) continue; // not in the DOM in this scenario (e.g. another note's modal)
    if (info.overlays > 1) problems.push(`${item.id}: ${info.overlays} overlays`);
    if (item.expect === 'skip' && info.overlays > 0) problems.push(`${item.id}: translated but should be skipped`);
    if (item.expect !== 'translate') continue;
    const own = info.overlays > 0 ? info : item.parent ? overlays.get(item.parent) : undefined;
    if (!own || own.overlays === 0) {
      problems.push(`${item.id}: no overlay`);
      continue;
    }
    if (own.state !== 'done') {
      problems.push(`${item.id}: overlay is ${own.state}`);
      continue;
    }
    const pieces = [own.text ?? '', ...own.tags.map((tag) => tag.replace(/^#/, ''))].filter((piece) => piece.trim() !== '');
    const sources = pieces.flatMap(sourcesOfFake);
    if (sources.some((source) => source === null || !isWordsOf(source, own.elementText))) {
      problems.push(`${item.id}: overlay ${JSON.stringify(pieces)} is not a translation of ${JSON.stringify(own.elementText)}`);
    }
  }
  return problems;
}
