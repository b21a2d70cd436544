import type { ReplyDraft } from '../../drafts/draft';
import type { TypeResult } from '../../dom/type-text';
import type { MarkedText, ReplyTranslation } from '../../messaging/protocol';
import type { TranslateOutcome } from '../../messaging/wire';
import type { ReplyTone } from '../../settings/schema';

/** The comment being answered, as the panel shows it. */
export interface ComposerTarget {
  author: string;
  text: string;
  /** The @mentions the page marked in the comment's text. */
  mentions: readonly string[];
}

/** Everything the panel asks of the outside world: the background, the page's box, the clipboard. */
export interface ReplyComposerApi {
  loadDraft(): Promise<{ draft: ReplyDraft | null; tone: ReplyTone }>;
  saveDraft(draft: ReplyDraft): Promise<void>;
  discardDraft(): Promise<void>;
  translateReply(text: string, tone: ReplyTone, retry: boolean): Promise<ReplyTranslation>;
  checkReply(text: string, retry: boolean): Promise<TranslateOutcome>;
  rememberTone(tone: ReplyTone): Promise<void>;
  translateComment(comment: MarkedText): Promise<TranslateOutcome>;
  insert(text: string): TypeResult;
  copy(text: string): Promise<boolean>;
}
