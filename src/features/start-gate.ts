import type { PageSettings } from '../settings/schema';

/** What the gate needs of the document: whether it is parsed, and an event once it is. */
export type ParsingDocument = Pick<Document, 'readyState' | 'addEventListener'>;

/**
 * Holds back the features until both the page's settings and the parsed DOM are there. The
 * content script is injected before the page is parsed, so that its settings request (and the
 * background, which may have to wake up) overlaps with parsing; touching the DOM before
 * `DOMContentLoaded` would find half a page.
 */
export function createStartGate(start: (settings: PageSettings) => void, doc: ParsingDocument = document) {
  let settings: PageSettings | null = null;
  let parsed = doc.readyState !== 'loading';

  const startIfReady = (): void => {
    if (settings && parsed) start(settings);
  };
  if (!parsed) {
    doc.addEventListener(
      'DOMContentLoaded',
      () => {
        parsed = true;
        startIfReady();
      },
      { once: true },
    );
  }

  return {
    /** The answer to the settings request sent at injection. */
    answered(answer: PageSettings): void {
      // A settings change broadcast while the request was on its way is newer than its answer.
      settings ??= answer;
      startIfReady();
    },
    /** A settings change broadcast by the background. */
    changed(next: PageSettings): void {
      settings = next;
      startIfReady();
    },
    /** Passes the same settings again, once started: something else they are read with changed. */
    reapply: startIfReady,
    get settings(): PageSettings | null {
      return settings;
    },
  };
}
