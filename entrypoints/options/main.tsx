import { render } from 'preact';
import '../../assets/options.css';
import { sendToBackground } from '../../src/messaging/send';
import { loadSettings, updateSettings, watchSettings } from '../../src/settings/store';
import { t } from '../../src/ui/i18n';
import { saveFile } from '../../src/ui/options/download';
import type { OptionsApi } from '../../src/ui/options/options-api';
import { OptionsPage } from '../../src/ui/options/OptionsPage';

/** The background answers nothing to a request it refuses. */
async function answered<T>(answer: Promise<T | undefined>): Promise<T> {
  const value = await answer;
  if (value === undefined) throw new Error('no answer from RedBridge’s background');
  return value;
}

/** The options page, wired to storage.local (never sync: API keys stay on this device) and the background. */
const api: OptionsApi = {
  load: loadSettings,
  save: (settings) => updateSettings(settings),
  watch: watchSettings,
  testBackend: (backend, settings) => answered(sendToBackground({ type: 'test-backend', backend, settings })),
  cacheStats: () => answered(sendToBackground({ type: 'cache-stats' })),
  clearCache: async () => void (await answered(sendToBackground({ type: 'clear-cache' }))),
  download: saveFile,
  ocrStatus: () => answered(sendToBackground({ type: 'ocr-status' })),
  releaseOcr: async () => void (await answered(sendToBackground({ type: 'release-ocr' }))),
};

document.title = t('options_title');
document.documentElement.lang = t('@@ui_locale').replace('_', '-');
render(<OptionsPage api={api} />, document.getElementById('app')!);
