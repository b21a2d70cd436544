import { render } from 'preact';
import '../../assets/options.css';
import { sendToBackground } from '../../src/messaging/send';
import { loadSettings, updateSettings, watchSettings } from '../../src/settings/store';
import { t } from '../../src/ui/i18n';
import { saveFile } from '../../src/ui/options/download';
import type { OptionsApi } from '../../src/ui/options/options-api';
import { OptionsPage } from '../../src/ui/options/OptionsPage';

/** The options page, wired to storage.local (never sync: API keys stay on this device) and the background. */
const api: OptionsApi = {
  load: loadSettings,
  save: (settings) => updateSettings(settings),
  watch: watchSettings,
  testBackend: (backend, settings) => sendToBackground({ type: 'test-backend', backend, settings }),
  cacheStats: () => sendToBackground({ type: 'cache-stats' }),
  clearCache: async () => void (await sendToBackground({ type: 'clear-cache' })),
  download: saveFile,
  ocrStatus: () => sendToBackground({ type: 'ocr-status' }),
  releaseOcr: async () => void (await sendToBackground({ type: 'release-ocr' })),
};

document.title = t('options_title');
document.documentElement.lang = t('@@ui_locale').replace('_', '-');
render(<OptionsPage api={api} />, document.getElementById('app')!);
