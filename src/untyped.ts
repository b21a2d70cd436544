/**
 * Reading values whose type nothing guarantees: what a `catch` caught, what JSON or a message
 * held. One definition each, used by every context (background, pages, content scripts, workers).
 */

/** The words of a caught error: its message, or the value itself written out. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A plain object (not null, not an array), whose fields can be read one by one. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
