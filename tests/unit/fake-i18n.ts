import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';
import zhCN from '../../public/_locales/zh_CN/messages.json';

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** A locale's messages as the browser reads them from `public/_locales/<locale>/messages.json`. */
export function localeMessages(locale: 'en' | 'zh_CN'): Record<string, LocaleMessage> {
  return (locale === 'en' ? en : zhCN) as Record<string, LocaleMessage>;
}

/** `browser.i18n.getMessage` as the browser does it (named placeholders, `$1`…`$9`), over a locale's file. */
export function formatMessage(entry: LocaleMessage | undefined, substitutions: string | string[] = []): string {
  if (!entry) return '';
  const values = Array.isArray(substitutions) ? substitutions : [substitutions];
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]),
  );
  const substitute = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : substitute(content);
    })
    .replace(/\$\$/g, '$');
}

/**
 * Unit tests: makes `t()` answer from the English (or Chinese) messages file. `tests/unit/setup.ts`
 * installs English before every test; call it with `'zh_CN'` to see the Chinese UI.
 */
export function useLocaleMessages(locale: 'en' | 'zh_CN' = 'en'): void {
  const messages = localeMessages(locale);
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string, substitutions?: string | string[]) =>
    formatMessage(messages[name], substitutions)) as typeof browser.i18n.getMessage);
}

/** Unit tests: makes `t()` give the message name itself, as without a browser, to check which message is used. */
export function useMessageNames(): void {
  vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
}
