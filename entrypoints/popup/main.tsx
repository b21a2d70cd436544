import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../assets/popup.css';
import { sendToBackground } from '../../src/messaging/send';
import { loadSettings, updateSettings } from '../../src/settings/store';
import { t } from '../../src/ui/i18n';
import { Popup } from '../../src/ui/popup/Popup';
import { createTabStatsSource } from '../../src/ui/popup/tab-stats-source';

/**
 * The toolbar popup. Settings go to storage.local; the background sees the change and tells
 * open RedNote tabs at once. Counts come from the active tab's content script (no permission
 * needed to message our own script), or from `?tabId=` when the e2e tests open the popup as a tab.
 */
document.title = t('popup_title');
document.documentElement.lang = t('@@ui_locale').replace('_', '-');
render(
  <Popup
    loadSettings={loadSettings}
    saveEnabled={(enabled) => updateSettings({ enabled })}
    saveDisplay={(display) => updateSettings({ display })}
    saveImageTranslation={(imageTranslation) => updateSettings({ imageTranslation })}
    saveVideoSubtitles={(videoSubtitles) => updateSettings({ videoSubtitles })}
    health={() => sendToBackground({ type: 'backend-health' })}
    tabStats={createTabStatsSource(browser.tabs, location.search)}
    openOptions={async () => {
      await browser.runtime.openOptionsPage();
      window.close();
    }}
  />,
  document.getElementById('app')!,
);
