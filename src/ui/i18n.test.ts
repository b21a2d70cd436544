import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { t } from './i18n';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('t', () => {
  it('gives the browser’s message, with its substitutions', () => {
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('Works: Hello');
    expect(t('options_test_works', 'Hello')).toBe('Works: Hello');
    expect(getMessage).toHaveBeenCalledWith('options_test_works', 'Hello');
  });

  it('gives the key itself for a missing message', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
    expect(t('popup_nothing_here')).toBe('popup_nothing_here');
  });

  it('gives the key itself where there is no i18n API', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('i18n.getMessage is not implemented');
    });
    expect(t('options_title')).toBe('options_title');
  });
});
