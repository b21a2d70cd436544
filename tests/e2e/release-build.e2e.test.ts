import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REDNOTE_MATCHES } from '../../src/sites/xiaohongshu/matches';
import { GECKO_ID } from '../../wxt.config';

const RELEASE = { chromium: '.output/chrome-mv3', firefox: '.output/firefox-mv2' } as const;

/** The release builds (`npm run build`, run by `npm test` before the e2e step). */
describe.each(Object.entries(RELEASE))('the %s release build', (browser, dir) => {
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(manifest);

  it('runs only on RedNote, never on the test fixtures’ 127.0.0.1', () => {
    const scripts = manifest.content_scripts as { matches: string[] }[];
    expect(scripts.flatMap((script) => script.matches).sort()).toEqual([...REDNOTE_MATCHES].sort());
    expect(text).not.toContain('127.0.0.1');
  });

  it('does not ship the e2e probe page', () => {
    expect(existsSync(`${dir}/e2e-probe.html`)).toBe(false);
    expect(text).not.toContain('e2e-probe');
  });

  it('does not expose the e2e hooks of the menu and the command', () => {
    expect(readFileSync(`${dir}/background.js`, 'utf8')).not.toContain('redbridgeE2E');
  });

  it('asks for no host access beyond the translation services and RedNote: the selection script needs only activeTab', () => {
    expect(manifest.permissions).toEqual(expect.arrayContaining(['contextMenus', 'activeTab']));
    const hosts = (manifest.host_permissions ?? manifest.permissions) as string[];
    const redNote = hosts.filter((host) => /xiaohongshu|rednote/.test(host));
    // Chrome: to start the content script in RedNote tabs open before an update.
    expect(redNote.sort()).toEqual(browser === 'chromium' ? [...REDNOTE_MATCHES].sort() : []);
    expect(text).not.toContain('<all_urls>');
    expect(text).not.toContain('*://*/*');
  });

  it('keeps the fixed Firefox add-on id', () => {
    expect((manifest.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(GECKO_ID);
  });
});
