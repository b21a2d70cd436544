import { httpUrl } from '../../../settings/field-kinds';
import type { BackendDefinition } from '../../types';
import { createMicrosoftBackend } from './index';

const fields = {
  /** Issues the free Edge endpoint's bearer token. */
  authUrl: httpUrl('https://edge.microsoft.com/translate/auth'),
  /** Translator v3 `translate` endpoint. */
  translateUrl: httpUrl('https://api-edge.cognitive.microsofttranslator.com/translate'),
};

export const microsoft: BackendDefinition<'microsoft', typeof fields> = { id: 'microsoft', settings: fields, create: (settings) => createMicrosoftBackend(settings) };
