import type { BackendId } from '../settings/schema';
import { t } from './i18n';

/**
 * A backend's name as the UI shows it (overlays, the popup, the reply composer, the options
 * page), in the browser's UI language: the `backend_<id>` message of
 * `public/_locales/<language>/messages.json`. The one place the UI gets a backend's name from.
 * (The background's error messages use each backend's own English `NAME`.)
 */
export function backendLabel(id: BackendId): string {
  return t(`backend_${id}`);
}
