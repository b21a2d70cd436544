/**
 * The hints RedNote writes in a notification ("回复了你的评论 · 01-14"): a short, fixed set of
 * interface phrases. Their English is known here, so they cost no backend request and read the
 * same every time; a hint missing from the list is translated like text.
 */
const HINTS: Readonly<Record<string, string>> = {
  回复了你的评论: 'replied to your comment',
  回复了你的笔记: 'replied on your note',
  评论了你的笔记: 'commented on your note',
  评论了你的评论: 'commented on your comment',
  '在评论中@了你': 'mentioned you in a comment',
  '在笔记中@了你': 'mentioned you in a note',
  '@了你': 'mentioned you',
  赞了你的评论: 'liked your comment',
  赞了你的笔记: 'liked your note',
  赞了你的回复: 'liked your reply',
  收藏了你的笔记: 'saved your note',
  收藏了你的专辑: 'saved your board',
  关注了你: 'followed you',
  回关了你: 'followed you back',
};

/** The English of a notification hint, or null when it is not a known one. */
export function englishHint(hint: string): string | null {
  return HINTS[hint.trim()] ?? null;
}
