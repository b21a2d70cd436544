/**
 * Names you can say (issue 30): display names are never translated, but a Chinese one gets its
 * pinyin in small type right after it (`芋泥波波奶茶` → `Yù ní bō bō nǎi chá`). The pinyin comes
 * from the background (`romanize`; its dictionary stays out of the page): the names found in
 * one task go in one message, and each name's answer is kept for the page's life, so a name met
 * again (a reply, a re-render, the next note) is labelled at once.
 */
import { isOwnNode, PINYIN_TAG } from '../dom/own-nodes';
import type { PageObserver } from '../dom/page-observer';
import { createTaskSlicer } from '../dom/time-slice';
import { MAX_ROMANIZE_TEXT_LENGTH, MAX_TEXTS_PER_MESSAGE } from '../messaging/protocol';
import { sendToBackground } from '../messaging/send';
import type { NameSite } from '../sites/types';
import { createPinyinLabel } from '../ui/pinyin-label';
import { stopWhenAborted, type Feature } from './feature';

/** The pinyin of each name, aligned with `names` (null: no Chinese in it). */
export type Romanize = (names: string[]) => Promise<(string | null)[]>;

const HAN = /\p{Script=Han}/u;
/** Answers kept; past this the memory starts afresh (a long evening in the feed meets many names). */
const MAX_KNOWN = 5000;
/** The first slice runs in the page's own task, after the reading features' share of it. */
const FIRST_SLICE_MS = 3;

const askBackground: Romanize = (names) =>
  sendToBackground({ type: 'romanize', texts: names, as: 'name' }).then((answer) => answer.pinyin);

export interface NameRomanizationOptions {
  site: NameSite;
  changes: PageObserver;
  romanize?: Romanize;
}

/** Labels every display name the page shows or adds; the returned function removes them all. */
export function startNameRomanization({ site, changes, romanize = askBackground }: NameRomanizationOptions): () => void {
  const known = new Map<string, string | null>();
  /** Names found before their text's answer came. */
  const waiting = new Set<Element>();
  /** Texts to ask for at the end of this task, and texts asked for already. */
  const toAsk = new Set<string>();
  const asked = new Set<string>();
  /** Elements a label was put into: only there can a name's removal leave a label behind. */
  const labelParents = new WeakSet<Element>();
  const slicer = createTaskSlicer();
  let stopped = false;

  /** One label at most after `name`, with `pinyin`; none for null. */
  function show(name: Element, pinyin: string | null): void {
    const next = name.nextElementSibling;
    const label = next?.localName === PINYIN_TAG ? next : null;
    if (label && label.textContent === pinyin) return;
    label?.remove();
    if (pinyin === null || !name.parentElement) return;
    labelParents.add(name.parentElement);
    name.after(createPinyinLabel(name.ownerDocument, pinyin));
  }

  function visit(name: Element): void {
    const text = site.nameOf(name);
    if (!HAN.test(text) || text.length > MAX_ROMANIZE_TEXT_LENGTH) return show(name, null);
    if (known.has(text)) return show(name, known.get(text) ?? null);
    waiting.add(name);
    if (asked.has(text)) return;
    if (toAsk.size === 0) queueMicrotask(ask);
    toAsk.add(text);
  }

  function ask(): void {
    const texts = [...toAsk];
    toAsk.clear();
    for (const text of texts) asked.add(text);
    for (let start = 0; start < texts.length; start += MAX_TEXTS_PER_MESSAGE) {
      const part = texts.slice(start, start + MAX_TEXTS_PER_MESSAGE);
      // Unanswered, a name is still a name: it stays as it is, and is asked for when met again.
      romanize(part).then(
        (pinyin) => answered(part, pinyin),
        () => part.forEach((text) => asked.delete(text)),
      );
    }
  }

  function answered(texts: string[], pinyin: (string | null)[]): void {
    if (stopped) return;
    if (known.size + texts.length > MAX_KNOWN) known.clear();
    texts.forEach((text, index) => {
      asked.delete(text);
      known.set(text, pinyin[index] ?? null);
    });
    for (const name of waiting) {
      if (!known.has(site.nameOf(name))) continue;
      waiting.delete(name);
      slicer.add(() => visit(name));
    }
    slicer.run();
  }

  const isName = (node: Node | null): node is Element => node instanceof Element && node.matches(site.nameSelector);

  /** A label whose name the page took away or moved goes too. */
  function dropStrayLabels(parent: Node): void {
    if (!(parent instanceof Element) || !labelParents.has(parent)) return;
    for (const child of [...parent.children]) if (child.localName === PINYIN_TAG && !isName(child.previousElementSibling)) child.remove();
  }

  function namesIn(records: readonly MutationRecord[]): Set<Element> {
    const names = new Set<Element>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      // A name whose text the page changed in place.
      const changedName = target?.closest(site.nameSelector);
      if (changedName) names.add(changedName);
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || isOwnNode(node)) continue;
        if (isName(node)) names.add(node);
        for (const name of node.querySelectorAll(site.nameSelector)) names.add(name);
      }
      // A label the page removed while its name stayed is put back.
      if (target && [...record.removedNodes].some(isOwnNode)) for (const child of target.children) if (isName(child)) names.add(child);
    }
    return names;
  }

  const unsubscribe = changes.subscribe((records) => {
    for (const record of records) if (record.removedNodes.length > 0) dropStrayLabels(record.target);
    for (const name of namesIn(records)) slicer.add(() => visit(name));
    slicer.run(FIRST_SLICE_MS);
  });
  for (const name of document.querySelectorAll(site.nameSelector)) slicer.add(() => visit(name));
  slicer.run();

  return () => {
    stopped = true;
    unsubscribe();
    slicer.clear();
    waiting.clear();
    for (const label of document.querySelectorAll(PINYIN_TAG)) label.remove();
  };
}

/** Pinyin beside display names while `romanizeNames` is on. */
export function nameRomanization(site: NameSite): Feature {
  return {
    name: 'name romanization',
    // Its first look over the page comes after the reading features', in a task of its own.
    ownTask: true,
    runsWith: (settings) => (settings.romanizeNames ? 'on' : null),
    start: ({ changes, signal }) => stopWhenAborted(signal, startNameRomanization({ site, changes })),
  };
}
