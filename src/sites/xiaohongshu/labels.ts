import type { FixedLabel, FixedLabelSite } from '../types';
import { englishHint } from './notification-hints';
import { englishPlace, placeOfIpLine } from './places';
import { SELECTORS } from './selectors';

/**
 * RedNote's fixed phrases whose English the extension knows: a notification's hint ("回复了你的
 * 评论") and a profile's IP place ("IP属地：北京" → Beijing). On www.rednote.com's English
 * interface the hints are English already, and none of them is labelled.
 */
export const xiaohongshuLabels: FixedLabelSite = {
  labelSelector: `${SELECTORS.notificationHint}, ${SELECTORS.profileIp}`,

  labelOf(element: Element): FixedLabel | null {
    const text = element.textContent ?? '';
    if (element.matches(SELECTORS.notificationHint)) {
      const english = englishHint(text);
      return english === null ? null : { english, after: element };
    }
    const place = placeOfIpLine(text);
    const english = place === null ? null : englishPlace(place);
    return english === null ? null : { english, after: element };
  },
};
