import type { FixedLabelSite } from '../sites/types';
import { createFixedLabel } from '../ui/fixed-label';
import type { Feature } from './feature';

/** A page that keeps deleting a label wins after this many re-inserts. */
const MAX_REINSERTS = 3;

/** Bilingual mode shows known phrases' English beside them; hover mode keeps the page as it is. */
function runsWith({ display, targetLanguage }: { display: string; targetLanguage: string }): string | null {
  return display === 'bilingual' && /^en\b/i.test(targetLanguage) ? 'on' : null;
}

/**
 * The site's fixed phrases (a notification's hint, a profile's IP place) with their English
 * beside them, from the extension's own lists: no backend request, no cache, the same words
 * every time. Follows the page: new elements are labelled, changed ones labelled afresh, and a
 * label the page removed with a re-render is put back while its element stays.
 */
export function fixedLabels(site: FixedLabelSite): Feature {
  return {
    name: 'fixed labels',
    runsWith,
    start({ changes, signal }) {
      const shown = new Map<Element, { english: string; label: HTMLElement; reinserts: number }>();

      function update(element: Element): void {
        const wanted = element.isConnected ? site.labelOf(element) : null;
        const current = shown.get(element);
        if (current && (!wanted || wanted.english !== current.english)) {
          current.label.remove();
          shown.delete(element);
        }
        if (!wanted) return;
        const entry = shown.get(element) ?? { english: wanted.english, label: createFixedLabel(wanted.english), reinserts: -1 };
        shown.set(element, entry);
        if (entry.label.isConnected && entry.label.previousSibling === wanted.after) return;
        // A page that keeps removing the label wins, as with overlays: no endless tug of war.
        if (entry.reinserts++ < MAX_REINSERTS) wanted.after.after(entry.label);
      }

      function scan(root: Element | Document): void {
        if (root instanceof Element && root.matches(site.labelSelector)) update(root);
        for (const element of root.querySelectorAll(site.labelSelector)) update(element);
      }

      scan(document);
      const unsubscribe = changes.subscribe((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) if (node instanceof Element) scan(node);
          // New words in a labelled element (or a text node put into one).
          const changed = record.target instanceof Element ? record.target : record.target.parentElement;
          const element = changed?.closest(site.labelSelector);
          if (element) update(element);
        }
        // Gone elements take their labels along; a label the page removed comes back.
        for (const element of [...shown.keys()]) update(element);
      });

      signal.addEventListener(
        'abort',
        () => {
          unsubscribe();
          for (const { label } of shown.values()) label.remove();
          shown.clear();
        },
        { once: true },
      );
    },
  };
}
