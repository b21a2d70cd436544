/** What the fixture pages expose on `window` for tests (see tests/fixtures/xhs/README.md). */
interface FixtureEvent {
  type: string;
  detail?: unknown;
}

interface Window {
  __fixture: {
    events: FixtureEvent[];
    posted: unknown[];
    loadMore(): boolean;
    openNote(noteId: string): void;
    closeNote(): void;
    relayout?(): void;
  };
}
