/**
 * Where a note's subtitles are in RedNote's page state, and nothing else: the page's own world
 * (Chrome's MAIN-world script) runs this, so it stays a few hundred bytes and checks nothing.
 * Whoever receives its answer checks it (`tracksOf`).
 */

type Bag = Record<string, unknown> | undefined;

/** A field of an object, through the `_value` of Vue's refs that the live store holds. */
function get(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const own = (value as Bag)?.[key];
  return own !== undefined ? own : get((value as Bag)?._value, key);
}

/**
 * The `video.subtitles` map of note `noteId`, parsed from its `mediaV2` string of JSON: in the
 * desktop state `note.noteDetailMap[id].note`, in the mobile page's `noteData.data.noteData`.
 * null when the state holds no `mediaV2` for the note; {} when it holds one with no subtitles
 * (or one that is not JSON).
 */
export function subtitlesInState(state: unknown, noteId: string): unknown {
  const note = get(get(get(get(state, 'note'), 'noteDetailMap'), noteId), 'note') ?? get(get(get(state, 'noteData'), 'data'), 'noteData');
  const mediaV2 = get(get(note, 'video'), 'mediaV2');
  if (typeof mediaV2 !== 'string') return null;
  try {
    return get(get(JSON.parse(mediaV2), 'video'), 'subtitles') ?? {};
  } catch {
    return {};
  }
}
