import { describe, expect, it } from 'vitest';
import type { TranslateOutcome } from '../messaging/wire';
import { createTabStats } from './tab-stats';

const ok = (fromCache: boolean): TranslateOutcome => ({ ok: true, translation: 'Hi', backend: 'google', fromCache });
const failed: TranslateOutcome = { ok: false, error: { code: 'server', message: 'HTTP 500' } };

describe('createTabStats', () => {
  it('counts found, translated, from-cache and failed units', () => {
    const stats = createTabStats();
    const [a, b, c] = [{}, {}, {}];
    stats.unitFound(a);
    stats.unitFound(b);
    stats.unitFound(c);
    stats.unitTranslated(a, [ok(false), ok(true)]);
    stats.unitTranslated(b, [ok(true), ok(true)]);
    stats.unitTranslated(c, [ok(true), failed]);
    expect(stats.counts).toEqual({ found: 3, translated: 2, fromCache: 1, failed: 1, imagesRead: 0, subtitlesShown: 0 });
  });

  it('counts the images whose text was read, apart from the units, each image once', () => {
    const stats = createTabStats();
    expect(stats.counts.imagesRead).toBe(0);
    stats.imageRead('a');
    stats.imageRead('b');
    stats.imageRead('a');
    expect(stats.counts).toEqual({ found: 0, translated: 0, fromCache: 0, failed: 0, imagesRead: 2, subtitlesShown: 0 });
  });

  it('counts the video notes whose subtitles were shown, apart from the rest, each note once', () => {
    const stats = createTabStats();
    expect(stats.counts.subtitlesShown).toBe(0);
    stats.subtitlesShown('64f1a2b3c4d5e6f7a8b9c0d1');
    stats.subtitlesShown('65aa00000000000000000002');
    // The same note opened again, or its subtitles turned off and on.
    stats.subtitlesShown('64f1a2b3c4d5e6f7a8b9c0d1');
    expect(stats.counts).toEqual({ found: 0, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 2 });
  });

  it('moves a unit from failed to translated when its Retry succeeds', () => {
    const stats = createTabStats();
    const unit = {};
    stats.unitTranslated(unit, [failed]);
    stats.unitTranslated(unit, [ok(false)]);
    expect(stats.counts).toMatchObject({ translated: 1, failed: 0 });
  });

  it('starts the units afresh on reset, in the same counts object, and forgets failed units', () => {
    const stats = createTabStats();
    const { counts } = stats;
    const unit = {};
    stats.unitFound(unit);
    stats.unitTranslated(unit, [failed]);
    stats.imageRead('a');
    stats.subtitlesShown('n1');
    stats.reset();
    // Image translation and subtitles carry on through a display mode change: they stay counted.
    expect(counts).toEqual({ found: 0, translated: 0, fromCache: 0, failed: 0, imagesRead: 1, subtitlesShown: 1 });
    // A note counted before the reset is not counted again after it.
    stats.subtitlesShown('n1');
    // A unit that failed before the reset does not take a failure away after it.
    stats.unitTranslated(unit, [ok(true)]);
    expect(counts).toEqual({ found: 0, translated: 1, fromCache: 1, failed: 0, imagesRead: 1, subtitlesShown: 1 });
  });

  it('counts a unit once, by its latest translation, however often it is found or translated', () => {
    const stats = createTabStats();
    const unit = {};
    stats.unitFound(unit);
    stats.unitFound(unit);
    stats.unitTranslated(unit, [ok(false)]);
    // Re-translated with another backend, then shown again from the cache.
    stats.unitTranslated(unit, [ok(false)]);
    stats.unitTranslated(unit, [ok(true)]);
    expect(stats.counts).toEqual({ found: 1, translated: 1, fromCache: 1, failed: 0, imagesRead: 0, subtitlesShown: 0 });
  });

  it('takes a unit the page removed out of every count, so a card that comes back is not counted twice', () => {
    const stats = createTabStats();
    const [shown, failing, waiting] = [{}, {}, {}];
    for (const unit of [shown, failing, waiting]) stats.unitFound(unit);
    stats.unitTranslated(shown, [ok(true)]);
    stats.unitTranslated(failing, [failed]);
    stats.unitGone(shown);
    stats.unitGone(failing);
    stats.unitGone(failing);
    expect(stats.counts).toEqual({ found: 1, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0 });

    // The virtual feed puts the card back: a new unit, counted once again.
    const back = {};
    stats.unitFound(back);
    stats.unitTranslated(back, [ok(true)]);
    expect(stats.counts).toEqual({ found: 2, translated: 1, fromCache: 1, failed: 0, imagesRead: 0, subtitlesShown: 0 });
    stats.unitGone(waiting);
    stats.unitGone(back);
    expect(stats.counts).toEqual({ found: 0, translated: 0, fromCache: 0, failed: 0, imagesRead: 0, subtitlesShown: 0 });
  });
});
