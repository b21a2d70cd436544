import type { BackendDefinition } from '../../types';
import { createChromeBuiltinBackend } from './index';

/** Chrome's on-device translator: nothing to set. */
const fields = {};

export const chrome: BackendDefinition<'chrome', typeof fields> = { id: 'chrome', settings: fields, create: (settings) => createChromeBuiltinBackend(settings) };
