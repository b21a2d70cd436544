import type { CDPSession, Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { FakeBackend, FakeMode } from '../fakes/fake-backend';
import { startFakeDeepl } from '../fakes/fake-deepl';
import { startFakeGoogle } from '../fakes/fake-google';
import { startFakeLibreTranslate } from '../fakes/fake-libretranslate';
import { startFakeMicrosoft } from '../fakes/fake-microsoft';
import { startFakeOpenAi, type FakeOpenAiMode } from '../fakes/fake-openai';
import { startFixtureServer } from '../fakes/fixture-server';
import type { LocalServer } from '../fakes/http';
import englishMessages from '../../public/_locales/en/messages.json';
import type { BackendId } from '../../src/settings/schema';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { checkExpectations, itemsPresentAfter } from './expectations';
import { expandAllReplies, readOverlays, scrollThrough, settle, strayOverlays, type OverlayInfo } from './overlays';
import { clearTranslationCache, setStoredSettings } from './probe';

type HttpBackendId = Exclude<BackendId, 'chrome'>;
const DEEPL_KEY = 'e2e-key:fx';
/** Longer than the service's 15 s request timeout. */
const TOO_SLOW_MS = 20_000;

/** A backend's name as the browsers here show it: their UI language is English. */
const englishLabel = (id: BackendId) => (englishMessages as Record<string, { message: string }>)[`backend_${id}`]!.message;

/** Records uncaught exceptions and unhandled rejections of one target (page or service worker). */
async function watchExceptions(session: CDPSession, into: string[], where: string): Promise<void> {
  session.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails;
    into.push(`${where}: ${details.exception?.description ?? details.text}`);
  });
  await session.send('Runtime.enable');
}

/** The overlays of the fixture's note units that finished, by the backend label they carry. */
function labelsOf(overlays: Map<string, OverlayInfo>): Set<string | null> {
  return new Set([...overlays.values()].filter((info) => info.overlays > 0).map((info) => info.label));
}

/**
 * The backends in a real browser, on the full-page note fixture: each one end to end against
 * its fake server, and the fallback chain when the primary fails.
 */
describe('translation backends in chromium', () => {
  const browserName: BrowserName = 'chromium';
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;
  let fakes: Record<HttpBackendId, FakeBackend> & { openai: FakeBackend<FakeOpenAiMode> };
  let probe: Page;
  const exceptions: string[] = [];

  function backendSettings(overrides: { googleHost?: string } = {}) {
    return {
      google: { host: overrides.googleHost ?? fakes.google.url },
      microsoft: { authUrl: `${fakes.microsoft.url}/translate/auth`, translateUrl: `${fakes.microsoft.url}/translate` },
      deepl: { apiKey: DEEPL_KEY, apiUrl: fakes.deepl.url },
      libretranslate: { url: fakes.libretranslate.url, apiKey: '' },
      openai: { baseUrl: `${fakes.openai.url}/v1`, apiKey: '', model: 'e2e-model' },
    };
  }

  async function use(settings: { backend: BackendId; fallbacks: BackendId[]; googleHost?: string }): Promise<void> {
    const { googleHost, ...rest } = settings;
    await setStoredSettings(probe, { ...rest, backends: backendSettings({ googleHost }) });
    await clearTranslationCache(probe);
  }

  async function openNote(settleTimeout?: number): Promise<Page> {
    const page = await ext.browser.newPage();
    await watchExceptions(await page.createCDPSession(), exceptions, 'page');
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page, settleTimeout);
    await scrollThrough(page, '.note-scroller');
    await expandAllReplies(page);
    await scrollThrough(page, '.note-scroller');
    await settle(page, settleTimeout);
    return page;
  }

  const noteItems = () => itemsPresentAfter('note.html', ['initial', 'expand']);
  const sentTexts = (fake: FakeBackend) => fake.requests.flatMap((request) => request.texts);

  beforeAll(async () => {
    const [fixtureServer, google, microsoft, deepl, libretranslate, openai] = await Promise.all([
      startFixtureServer(),
      startFakeGoogle(),
      startFakeMicrosoft(),
      startFakeDeepl({ apiKey: DEEPL_KEY }),
      startFakeLibreTranslate(),
      startFakeOpenAi(),
    ]);
    fixtures = fixtureServer;
    fakes = { google, microsoft, deepl, libretranslate, openai };
    ext = await launchWithExtension(browserName);
    probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    const worker = await ext.browser.waitForTarget((target) => target.type() === 'service_worker');
    await watchExceptions(await worker.createCDPSession(), exceptions, 'background');
  });

  beforeEach(() => {
    for (const fake of Object.values(fakes)) {
      fake.setMode({ kind: 'ok' });
      fake.requests.length = 0;
    }
    exceptions.length = 0;
  });

  afterAll(async () => {
    await ext?.close();
    await Promise.all([fixtures?.close(), ...Object.values(fakes ?? {}).map((fake) => fake.close())]);
  });

  it.each<HttpBackendId>(['google', 'microsoft', 'deepl', 'libretranslate', 'openai'])(
    'translates every unit of the fixture note through %s, end to end',
    async (id) => {
      await use({ backend: id, fallbacks: [] });
      const page = await openNote();

      const overlays = await readOverlays(page);
      expect(checkExpectations(noteItems(), overlays)).toEqual([]);
      expect(labelsOf(overlays)).toEqual(new Set([`Translation by ${englishLabel(id)}`]));
      expect(sentTexts(fakes[id]).length).toBeGreaterThan(0);
      for (const other of Object.keys(fakes) as HttpBackendId[]) {
        if (other !== id) expect(fakes[other].requests).toEqual([]);
      }
      expect(exceptions).toEqual([]);
      await page.close();
    },
  );

  it.each<FakeOpenAiMode['kind']>(['wrong-count', 'prose', 'think'])(
    'gets one correct translation per unit from an LLM whose answers come with %s',
    async (kind) => {
      fakes.openai.setMode({ kind } as FakeOpenAiMode);
      await use({ backend: 'openai', fallbacks: [] });
      const page = await openNote();

      const overlays = await readOverlays(page);
      expect(checkExpectations(noteItems(), overlays)).toEqual([]);
      expect(labelsOf(overlays)).toEqual(new Set([`Translation by ${englishLabel('openai')}`]));
      await page.close();
    },
  );

  it('keeps hashtags, mentions and emoji byte-identical in the overlays, and never sends them to the backend', async () => {
    await use({ backend: 'libretranslate', fallbacks: [] });
    const page = await openNote();

    const overlays = await readOverlays(page);
    const body = overlays.get('pub-n01-desc')!.text ?? '';
    for (const token of ['@小鹿今天不加班', '#大理旅行', '#小众旅行地', '⚠️', '🌇']) expect(body).toContain(token);
    expect(overlays.get('pub-n01-title')!.text).toContain('🌊');
    const sent = sentTexts(fakes.libretranslate).join('\n');
    for (const token of ['@小鹿今天不加班', '#大理旅行', '⚠️', '🌇', '🌊']) expect(sent).not.toContain(token);
    await page.close();
  });

  it('explains the RedNote slang under a machine translation', async () => {
    await use({ backend: 'google', fallbacks: [] });
    const page = await openNote();

    const body = (await readOverlays(page)).get('pub-n01-desc')!;
    expect(body.slang).toMatch(/^Slang: .*保姆级.*绝绝子/);
    await page.close();
  });

  it('shows why Chrome’s on-device translator cannot translate here, with Retry', async () => {
    await use({ backend: 'chrome', fallbacks: [] });
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);

    const title = (await readOverlays(page)).get('pub-n01-title')!;
    expect(title).toMatchObject({ state: 'error', hasRetry: true });
    // Chromium 156 has the API but no Chinese → English pack, and cannot download one offline.
    expect(title.message).toMatch(/Chrome.*on-device translator.*(language pack|not available)/);
    expect(exceptions).toEqual([]);
    await page.close();
  });

  /**
   * Each case gets its own fake Google, so each starts with a fresh circuit breaker: the
   * background keeps one per backend address, and a pause from one case would skip Google in
   * the next.
   */
  describe('with Google failing and Microsoft as the fallback', () => {
    async function freshGoogle(): Promise<FakeBackend> {
      const google = await startFakeGoogle();
      onTestFinished(() => google.close());
      return google;
    }

    it.each<[string, FakeMode | 'unreachable']>([
      ['429 for everything', { kind: 'fail', status: 429 }],
      ['500 for everything', { kind: 'fail', status: 500 }],
      ['nothing at its address', 'unreachable'],
      ['too slowly (timeout)', { kind: 'slow', delayMs: TOO_SLOW_MS }],
    ])('translates every unit through the fallback when Google answers %s', async (_, failure) => {
      const google = await freshGoogle();
      if (failure === 'unreachable') await google.close();
      else google.setMode(failure);
      await use({ backend: 'google', fallbacks: ['microsoft'], googleHost: google.url });
      const page = await openNote(60_000);

      const overlays = await readOverlays(page);
      expect(checkExpectations(noteItems(), overlays)).toEqual([]);
      expect(labelsOf(overlays)).toEqual(new Set(['Translation by Microsoft Translator']));
      expect(await strayOverlays(page)).toEqual([]);
      if (failure !== 'unreachable') expect(google.requests.length).toBeGreaterThan(0);
      expect(fakes.microsoft.requests.length).toBeGreaterThan(0);
      expect(exceptions).toEqual([]);
      await page.close();
    }, 120_000);

    it('asks Google again once its pause is over', async () => {
      const google = await freshGoogle();
      google.setMode({ kind: 'fail', status: 429, retryAfterSeconds: 1 });
      await use({ backend: 'google', fallbacks: ['microsoft'], googleHost: google.url });
      const first = await openNote();
      expect(labelsOf(await readOverlays(first))).toEqual(new Set(['Translation by Microsoft Translator']));
      await first.close();

      google.setMode({ kind: 'ok' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await clearTranslationCache(probe);
      const second = await openNote();

      const overlays = await readOverlays(second);
      expect(checkExpectations(noteItems(), overlays)).toEqual([]);
      expect(labelsOf(overlays)).toEqual(new Set(['Translation by Google Translate']));
      expect(google.requests.some((request) => request.status === 200)).toBe(true);
      expect(exceptions).toEqual([]);
      await second.close();
    }, 60_000);
  });
});

describe('Chrome’s on-device translator in firefox', () => {
  let ext: ExtensionBrowser;
  let fixtures: LocalServer;

  beforeAll(async () => {
    fixtures = await startFixtureServer();
    ext = await launchWithExtension('firefox');
  });

  afterAll(async () => {
    await ext?.close();
    await fixtures?.close();
  });

  it('says the browser has no on-device translator, with Retry, instead of failing silently', async () => {
    const probe = await ext.openProbe(`${fixtures.url}/xhs/expectations.json`);
    await setStoredSettings(probe, { backend: 'chrome', fallbacks: [] });
    const page = await ext.browser.newPage();
    await page.goto(`${fixtures.url}/xhs/note.html`);
    await settle(page);

    const title = (await readOverlays(page)).get('pub-n01-title')!;
    expect(title).toMatchObject({ state: 'error', hasRetry: true });
    expect(title.message).toContain('on-device translator is not available in this browser');
  });
});
