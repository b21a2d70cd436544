import { browser } from 'wxt/browser';

/** `getMessage` for any name: the generated typings only take names known when WXT last ran. */
type GetMessage = (name: string, substitutions?: string | string[]) => string;

/**
 * The UI text for `key` from `public/_locales/<language>/messages.json`, in the browser's UI
 * language (English when it has none). A missing message, or no `i18n` API at all (unit tests),
 * gives the key itself, so a forgotten string shows up instead of an empty label.
 */
export function t(key: string, substitutions?: string | string[]): string {
  try {
    return (browser.i18n.getMessage as GetMessage)(key, substitutions) || key;
  } catch {
    return key;
  }
}
