import { hostOrUrl } from '../../../settings/field-kinds';
import type { BackendDefinition } from '../../types';
import { createGoogleBackend } from './index';

const fields = {
  /** Host name, or a full base URL for a compatible proxy (`http://127.0.0.1:8080`). */
  host: hostOrUrl('translate.google.com'),
};

export const google: BackendDefinition<'google', typeof fields> = { id: 'google', settings: fields, create: createGoogleBackend };
