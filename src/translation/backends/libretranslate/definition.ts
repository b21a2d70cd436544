import { httpUrl, secret } from '../../../settings/field-kinds';
import type { BackendDefinition } from '../../types';
import { createLibreTranslateBackend } from './index';

const fields = {
  url: httpUrl('http://localhost:5000', 'http://localhost:5000'),
  apiKey: secret(),
};

export const libretranslate: BackendDefinition<'libretranslate', typeof fields> = { id: 'libretranslate', settings: fields, create: createLibreTranslateBackend };
