import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, unitsPerRequest } from '../../bench/budgets';
import { startPageServer } from '../../bench/page-server';
import { scaledNotePage } from '../../bench/scaled-pages';
import { loadAndScroll, type PassResult } from '../../bench/scenarios';
import type { FakeBackend } from '../fakes/fake-backend';
import { startFakeGoogle } from '../fakes/fake-google';
import type { LocalServer } from '../fakes/http';
import { launchWithExtension, type ExtensionBrowser } from './browsers';
import { clearTranslationCache, setStoredSettings } from './probe';

/**
 * The benchmark's smoke version (`npm run bench` is the full one): a 500-comment note, with
 * the same assertions on what is translated and how many requests it takes, none on times.
 */
describe('a long RedNote thread in chromium', () => {
  let ext: ExtensionBrowser;
  let pages: LocalServer;
  let google: FakeBackend;
  let probe: Page;
  let cold: PassResult;
  let noteUrl: string;
  const note = scaledNotePage({ comments: 500, pageSize: 50 });
  const pass = () =>
    loadAndScroll(ext.browser, noteUrl, { scroller: '.note-scroller', stepDelayMs: 60, withExtension: true, requests: google.requests });

  beforeAll(async () => {
    [pages, google] = await Promise.all([startPageServer({ note: note.html }), startFakeGoogle()]);
    google.setMode({ kind: 'slow', delayMs: 150 });
    noteUrl = `${pages.url}/bench/note.html`;
    ext = await launchWithExtension('chromium');
    probe = await ext.openProbe(noteUrl);
    await setStoredSettings(probe, { backend: 'google', fallbacks: [], backends: { google: { host: google.url } } });
    await clearTranslationCache(probe);
    cold = await pass();
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([pages?.close(), google?.close()]);
  });

  it('translates only what is within about a screen of the comment column before scrolling', () => {
    expect(cold.atStart.present).toBeGreaterThanOrEqual(40);
    expect(cold.atStart.overlaid).toBeGreaterThan(0);
    expect(cold.atStart.overlaid).toBeLessThan(cold.atStart.present / 2);
    expect(cold.atStart.overlaidFar).toEqual([]);
  });

  it('translates every Chinese comment and nothing else once scrolled to the end', () => {
    expect(cold.atEnd.present).toBe(500);
    expect(cold.atEnd.mustTranslate).toBe(note.units.translate);
    expect(cold.atEnd.translated).toBe(note.units.translate);
    expect(cold.atEnd.failed).toBe(0);
    expect(cold.atEnd.wronglyOverlaid).toEqual([]);
    expect(cold.settled).toBe(true);
  });

  it('asks the backend for almost every text once, in requests of at least 20 units', () => {
    // Different comments can become the same text once their emoji are placeholders; those
    // few are asked for again (the cache keeps whole comments).
    expect(cold.requests.duplicateTexts / cold.requests.texts).toBeLessThan(0.02);
    expect(unitsPerRequest(cold)).toBeGreaterThanOrEqual(BUDGETS.coldUnitsPerRequest);
  });

  it('makes no backend request on a second visit', async () => {
    const warm = await pass();
    expect(warm.atEnd.translated).toBe(note.units.translate);
    expect(warm.requests.requests).toBe(0);
  });
});
