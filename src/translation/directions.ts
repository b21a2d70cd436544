import type { ReplyTone, Settings } from '../settings/schema';
import type { LanguagePair } from './types';

/**
 * Which way a text goes. `read`: RedNote's Chinese into the reader's language. `reply`: the
 * user's English into the reply language (Simplified Chinese by default). `check`: a reply's
 * Chinese back into English, so the user can see the meaning survived.
 */
export type TranslationDirection = 'read' | 'reply' | 'check';

/** The language pair (and tone) of a direction under the current settings. */
export function languagesFor(settings: Settings, direction: TranslationDirection, tone?: ReplyTone): LanguagePair {
  switch (direction) {
    case 'read':
      return { source: 'zh', target: settings.targetLanguage };
    case 'reply':
      return { source: 'en', target: settings.replyLanguage, tone: tone ?? settings.replyTone };
    case 'check':
      return { source: settings.replyLanguage, target: 'en' };
  }
}
