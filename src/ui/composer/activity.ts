/** What the panel is doing, or what last went wrong; errors keep every word the user wrote. */
export type Activity =
  | { kind: 'idle' }
  | { kind: 'load-failed'; message: string }
  | { kind: 'translating' }
  | { kind: 'checking' }
  | { kind: 'empty' }
  | { kind: 'translate-failed'; message: string }
  | { kind: 'check-failed'; message: string }
  | { kind: 'inserted' }
  | { kind: 'insert-failed'; found: string }
  | { kind: 'copied' }
  | { kind: 'copy-failed' }
  | { kind: 'discarded' };
