/** Reading and writing one setting of a nested settings object by its dotted path. */

/** A setting's dotted path, as its declaration and `parseSettings` name it (`backends.deepl.apiUrl`). */
export type FieldPath = string;

/** The value at `path` in an object, or undefined. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A copy of `form` with `value` at `path` (which must exist in the settings). */
export function withValue<T extends object>(form: T, path: FieldPath, value: unknown): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const record = form as Record<string, unknown>;
  if (rest.length === 0) return { ...record, [head]: value } as T;
  const child = record[head];
  return { ...record, [head]: withValue(typeof child === 'object' && child !== null ? child : {}, rest.join('.'), value) } as T;
}
