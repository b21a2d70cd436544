import type { BackendId, Settings } from '../settings/schema';
import type { Backend, BackendFactory } from './types';
import { createChromeBuiltinBackend } from './backends/chrome';
import { createDeeplBackend } from './backends/deepl';
import { createGoogleBackend } from './backends/google';
import { createLibreTranslateBackend } from './backends/libretranslate';
import { createMicrosoftBackend } from './backends/microsoft';
import { createOpenAiBackend } from './backends/openai';

/** Every backend id maps to its factory: adding an id to the settings without one fails to compile. */
export const BACKEND_FACTORIES: Record<BackendId, BackendFactory> = {
  google: createGoogleBackend,
  microsoft: (settings) => createMicrosoftBackend(settings),
  deepl: createDeeplBackend,
  libretranslate: createLibreTranslateBackend,
  openai: createOpenAiBackend,
  chrome: createChromeBuiltinBackend,
};

export function createBackend(settings: Settings, id: BackendId = settings.backend): Backend {
  return BACKEND_FACTORIES[id](settings);
}
