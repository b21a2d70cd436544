import { httpUrlOrEmpty, secret } from '../../../settings/field-kinds';
import type { BackendDefinition } from '../../types';
import { createDeeplBackend } from './index';

const fields = {
  apiKey: secret(),
  /** Base URL; empty picks `api-free.deepl.com` for keys ending in `:fx`, else `api.deepl.com`. */
  apiUrl: httpUrlOrEmpty('', 'https://api-free.deepl.com'),
};

export const deepl: BackendDefinition<'deepl', typeof fields> = { id: 'deepl', settings: fields, create: createDeeplBackend };
