import { beforeEach } from 'vitest';
import { useLocaleMessages } from './fake-i18n';

// Dexie needs an IndexedDB: an in-memory one, fresh per test file.
import 'fake-indexeddb/auto';

// The UI speaks English in tests, as in a browser whose UI language is English: `t()` answers
// from `public/_locales/en/messages.json`. Installed before each test, so a test file's
// `vi.restoreAllMocks()` cannot take it away from the next test, and a test may switch to
// Chinese with `useLocaleMessages('zh_CN')` (or to message names with `useMessageNames()`).
beforeEach(() => {
  useLocaleMessages('en');
});
