import type { NameSite } from '../types';
import { SELECTORS } from './selectors';

/**
 * RedNote's display names: comment and reply authors (note modal and full-page note), a
 * profile's header, a notification's sender. Other names (feed cards' authors) sit in boxes
 * cut to one line, where anything beside them would be clipped.
 */
export const xiaohongshuNames: NameSite = {
  nameSelector: [SELECTORS.commentAuthorName, SELECTORS.profileName, SELECTORS.notificationName].join(', '),

  nameOf(element) {
    return (element.textContent ?? '').trim();
  },
};
