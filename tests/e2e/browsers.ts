import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { GECKO_ID } from '../../wxt.config';

export type BrowserName = 'chromium' | 'firefox';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The `--mode e2e` builds (`npm run build:e2e`). */
export const EXTENSION_DIRS: Record<BrowserName, string> = {
  chromium: join(ROOT, '.output/chrome-mv3-e2e'),
  firefox: join(ROOT, '.output/firefox-mv2-e2e'),
};
/** Fixed so that tests know the moz-extension:// origin. */
const FIREFOX_UUID = '5f1d7c3e-8a2b-4c6d-9e0f-7a1b2c3d4e5f';

function executable(name: BrowserName): string {
  const candidates =
    name === 'chromium'
      ? [process.env.CHROME_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']
      : [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error(`No ${name} found: install Debian's package or set ${name === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH'}`);
  return found;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  readonly browser: Browser;
  /** A tab in the extension's origin with `window.redbridgeProbe` ready. */
  openProbe(anyFixtureUrl: string): Promise<Page>;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin(): Promise<string>;
  /** The temporary $HOME holding the browser profile. */
  readonly home: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The built extension to install, instead of the `--mode e2e` build in `.output`. */
  extensionDir?: string;
  /** Reuse this home (profile included) instead of a fresh one, and keep it on close. */
  home?: string;
  /**
   * Hostnames the browser resolves to 127.0.0.1, so the fixture server answers for RedNote's real
   * hosts (`http://www.rednote.com:<port>/…`) and the release build's match patterns apply.
   */
  loopbackHosts?: string[];
  /**
   * Whether puppeteer follows the pages' network events (default true; tests wait on them).
   * Benchmarks turn it off: DevTools watching the network made Chromium's fetches of the
   * extension's own files 35–45 % slower, which no user pays.
   */
  networkEvents?: boolean;
  /**
   * The browser's UI language, e.g. `zh-CN`, from which `browser.i18n` picks the extension's
   * messages (default: the machine's, English here). Chromium gets `--lang` (its headless
   * `i18n.getUILanguage()` still says `en-US`, but `getMessage` follows); Firefox the pref and a
   * language pack (`writeLangpack`).
   */
  uiLanguage?: string;
}

/** Chromium maps the names in its host resolver; the port stays in the URL. */
function chromiumHostArgs(hosts: readonly string[]): string[] {
  if (hosts.length === 0) return [];
  return [
    `--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
    // A plain-http page under a real name is otherwise tried over https first.
    '--disable-features=HttpsUpgrades',
  ];
}

/** Firefox resolves `network.dns.localDomains` to the loopback address (verified on ESR 153). */
function firefoxHostPrefs(hosts: readonly string[]): Record<string, unknown> {
  if (hosts.length === 0) return {};
  return { 'network.dns.localDomains': hosts.join(','), 'dom.security.https_first': false };
}

/**
 * Firefox takes its UI language from `intl.locale.requested`, but only one it has, and Debian's
 * firefox-esr has English alone (the others are `firefox-esr-l10n-*` packages). A language pack
 * that declares the language with an empty Fluent source is enough to make Firefox have it:
 * `browser.i18n` then answers in it, as with a real pack, and Firefox's own UI falls back to
 * English string by string. Installed as a temporary add-on, so it needs no signature; it must
 * name the browser's major version. Written into `home`, and returns its folder.
 */
async function writeLangpack(home: string, language: string, browserVersion: string): Promise<string> {
  const major = /(\d+)\./.exec(browserVersion)?.[1];
  if (!major) throw new Error(`Cannot tell Firefox's version from "${browserVersion}"`);
  const dir = join(home, `langpack-${language}`);
  await mkdir(join(dir, 'browser/localization', language), { recursive: true });
  await writeFile(join(dir, 'browser/localization', language, 'empty.ftl'), '');
  const manifest = {
    manifest_version: 2,
    name: `${language} for RedBridge's e2e tests`,
    version: '1.0',
    langpack_id: language,
    browser_specific_settings: {
      gecko: { id: `langpack-${language}@e2e.redbridge`, strict_min_version: `${major}.0`, strict_max_version: `${major}.*` },
    },
    languages: { [language]: { version: '1', chrome_resources: {} } },
    sources: { browser: { base_path: 'browser/' } },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/** Debian's Chromium with a profile under `home`, and with the extension in `extensionDir` if given. */
export function launchChromium(home: string, extensionDir?: string, extraArgs: readonly string[] = [], networkEvents = true): Promise<Browser> {
  return puppeteer.launch({
    executablePath: executable('chromium'),
    headless: true,
    pipe: true,
    networkEnabled: networkEvents,
    ...(extensionDir ? { enableExtensions: [extensionDir] } : {}),
    userDataDir: join(home, 'profile'),
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1400,1000',
      ...extraArgs,
    ],
    defaultViewport: { width: 1400, height: 1000 },
  });
}

/** Launches Debian's Chromium or Firefox ESR with the e2e build of RedBridge installed. */
export async function launchWithExtension(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIRS[name];
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} is missing: run \`npm run build:e2e\` first`);
  }
  // Browsers write profiles and caches into $HOME: keep them in a temp dir.
  const home = options.home ?? (await mkdtemp(join(tmpdir(), `redbridge-${name}-`)));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') };
  const language = options.uiLanguage;
  const browser =
    name === 'chromium'
      ? await launchChromium(
          home,
          extensionDir,
          [...chromiumHostArgs(options.loopbackHosts ?? []), ...(language ? [`--lang=${language}`] : [])],
          options.networkEvents,
        )
      : await puppeteer.launch({
          browser: 'firefox',
          networkEnabled: options.networkEvents ?? true,
          executablePath: executable(name),
          headless: true,
          env,
          userDataDir: join(home, 'profile'),
          defaultViewport: { width: 1400, height: 1000 },
          extraPrefsFirefox: {
            'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
            // A temporary add-on is uninstalled at shutdown; keep its IndexedDB like a real install.
            'extensions.webextensions.keepStorageOnUninstall': true,
            'extensions.webextensions.keepUuidOnUninstall': true,
            ...firefoxHostPrefs(options.loopbackHosts ?? []),
            ...(language ? { 'intl.locale.requested': language } : {}),
          },
        });
  if (name === 'firefox') {
    // The language first: an extension picks its messages' language when it starts.
    if (language) await browser.installExtension(await writeLangpack(home, language, await browser.version()));
    await browser.installExtension(extensionDir);
  }

  let chromeExtensionId: string | null = null;
  async function extensionOrigin(): Promise<string> {
    if (name === 'firefox') return `moz-extension://${FIREFOX_UUID}`;
    if (!chromeExtensionId) {
      const worker = await browser.waitForTarget(
        (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
      );
      chromeExtensionId = new URL(worker.url()).host;
    }
    return `chrome-extension://${chromeExtensionId}`;
  }

  return {
    name,
    browser,
    async openProbe(anyFixtureUrl) {
      const probeUrl = `${await extensionOrigin()}/e2e-probe.html`;
      const page = await browser.newPage();
      if (name === 'chromium') {
        await page.goto(probeUrl);
      } else {
        // Puppeteer cannot goto moz-extension:// URLs; a web page may navigate to a
        // web-accessible extension page. (Puppeteer reports no navigation event for it.)
        await page.goto(anyFixtureUrl);
        await page.evaluate((url) => void (location.href = url), probeUrl);
      }
      await page.waitForFunction(() => document.title === 'RedBridge e2e probe ready', { polling: 100 });
      return page;
    },
    extensionOrigin,
    home,
    async close() {
      await browser.close();
      if (!options.home) await rm(home, { recursive: true, force: true });
    },
  };
}
