import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishHint } from './notification-hints';

/** The hints the notification fixture shows in its Chinese interface (its `HINTS` table). */
function fixtureHints(): string[] {
  const page = readFileSync(new URL('../../../tests/fixtures/xhs/notification.html', import.meta.url), 'utf8');
  return Array.from(page.matchAll(/^\s+\w+: \['([^']+)', '([^']+)'\]/gmu), (match) => match[1]!);
}

describe('englishHint', () => {
  it('knows every hint of the notification page but the one the fixture made up', () => {
    const hints = fixtureHints();
    expect(hints).toContain('回复了你的评论');
    expect(hints.length).toBeGreaterThanOrEqual(8);
    expect(hints.filter((hint) => englishHint(hint) === null)).toEqual(['分享了你的笔记']);
  });

  it('gives the English of replies, comments, mentions, likes, saves and follows', () => {
    expect(englishHint('回复了你的评论')).toBe('replied to your comment');
    expect(englishHint('评论了你的笔记')).toBe('commented on your note');
    expect(englishHint('在评论中@了你')).toBe('mentioned you in a comment');
    expect(englishHint('赞了你的评论')).toBe('liked your comment');
    expect(englishHint('赞了你的笔记')).toBe('liked your note');
    expect(englishHint('收藏了你的笔记')).toBe('saved your note');
    expect(englishHint('关注了你')).toBe('followed you');
  });

  it('reads a hint with the spaces around it, and nothing else', () => {
    expect(englishHint('  关注了你 ')).toBe('followed you');
    expect(englishHint('关注了你的笔记')).toBeNull();
    expect(englishHint('replied to your comment')).toBeNull();
    expect(englishHint('')).toBeNull();
  });
});
