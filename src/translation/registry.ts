import type { BackendId, Settings } from '../settings/schema';
import type { Backend, BackendFactory } from './types';
import { createGoogleBackend } from './backends/google';
import { createLibreTranslateBackend } from './backends/libretranslate';

/** Every backend id maps to its factory: adding an id to the settings without one fails to compile. */
export const BACKEND_FACTORIES: Record<BackendId, BackendFactory> = {
  google: createGoogleBackend,
  libretranslate: createLibreTranslateBackend,
};

export function createBackend(settings: Settings, id: BackendId = settings.backend): Backend {
  return BACKEND_FACTORIES[id](settings);
}
