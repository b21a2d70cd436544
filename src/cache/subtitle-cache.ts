import { validCues, type Cue } from '../video/srt';
import type { RedBridgeDb } from './db';
import { evictTable } from './evict';
import type { CacheLimits } from './translation-cache';

/** A read refreshes an entry's `usedAt` only when it is older than this. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/** A track's cache key: its note, group and language; the URL is signed and expires. */
export function subtitleKey(noteId: string, track: { group: string; language: string }): string {
  return `${noteId}\n${track.group}\n${track.language}`;
}

/**
 * Each video track's cues, under the same limits as translations. An entry that is not a list
 * of well-formed cues is deleted on the way out; a track with no cues is never stored.
 */
export class SubtitleCache {
  constructor(
    private readonly db: RedBridgeDb,
    private readonly limits: () => CacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<Cue[] | undefined> {
    const entry = await this.db.subtitles.get(key);
    if (!entry) return undefined;
    const cues = validCues(entry.cues);
    const now = this.now();
    if (!cues || cues.length === 0 || now - entry.createdAt > this.limits().maxAgeMs) {
      await this.db.subtitles.delete(key);
      return undefined;
    }
    if (now - entry.usedAt > TOUCH_AFTER_MS) void this.db.subtitles.update(key, { usedAt: now }).catch(() => undefined);
    return cues;
  }

  async put(key: string, cues: Cue[]): Promise<void> {
    if (cues.length === 0) return;
    const now = this.now();
    await this.db.subtitles.put({ key, cues, createdAt: now, usedAt: now });
    if ((await this.db.subtitles.count()) > this.limits().maxEntries) await evictTable(this.db.subtitles, this.limits(), now);
  }

  async clear(): Promise<void> {
    await this.db.subtitles.clear();
  }
}
