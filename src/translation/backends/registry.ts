/**
 * Every translation backend RedBridge has, in the order the options page and the overlay's
 * "other services" list show them. A new backend is a folder with its `definition.ts`, and
 * its import and entry here.
 */
import type { BackendId, Settings } from '../../settings/schema';
import type { Backend } from '../types';
import { chrome } from './chrome/definition';
import { deepl } from './deepl/definition';
import { google } from './google/definition';
import { libretranslate } from './libretranslate/definition';
import { microsoft } from './microsoft/definition';
import { openai } from './openai/definition';

export const BACKENDS = [google, microsoft, deepl, libretranslate, openai, chrome] as const;

/** A backend made from the settings: the first choice unless `id` names another. */
export function createBackend(settings: Settings, id: BackendId = settings.backend): Backend {
  const definition = BACKENDS.find((backend) => backend.id === id);
  if (!definition) throw new Error(`no backend ${id}`);
  return definition.create(settings);
}
