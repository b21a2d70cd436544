import { pageSettingsOf, type Settings } from '../settings/schema';
import type { TranslationService } from '../translation/service';
import { parseBackgroundRequest, type BackgroundResponses } from './protocol';

export interface RouterDeps {
  service: TranslationService;
  settings: () => Promise<Settings>;
}

/**
 * Answers one content-script request. Returns `undefined` for messages that are not ours, so
 * other listeners (and the sender's error handling) see them unanswered.
 */
export function routeBackgroundRequest(
  message: unknown,
  deps: RouterDeps,
): Promise<BackgroundResponses[keyof BackgroundResponses]> | undefined {
  const request = parseBackgroundRequest(message);
  if (!request) return undefined;
  switch (request.type) {
    case 'translate':
      return deps.service.translate(request.texts, request.retry);
    case 'get-page-settings':
      return deps.settings().then(pageSettingsOf);
  }
}
