/** What an overlay shows. Translations are plain text from a backend: rendered as text only. */
export type OverlayState =
  | { status: 'loading' }
  | { status: 'done'; text: string; tags: string[]; backend: string }
  | { status: 'error'; message: string };
