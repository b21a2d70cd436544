/**
 * Stored settings from older versions of RedBridge, brought to today's shape before they are
 * parsed: one file per step, `STEPS[n]` taking a version-n object to version n + 1. A renamed or
 * reshaped field gets a step here, so it is carried over instead of silently falling back to
 * its default.
 */
import { versioned } from './1-versioned';
import { isRecord } from '../../untyped';

type Step = (stored: Record<string, unknown>) => Record<string, unknown>;

const STEPS: readonly Step[] = [versioned];

/** The version today's settings are stored with. */
export const SETTINGS_VERSION = STEPS.length;


/** The version a stored object says it has: none is 0 (before versions); an unreadable one is 0 too. */
export function versionOf(stored: Record<string, unknown>): number {
  const { version } = stored;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}

/**
 * `stored` brought to SETTINGS_VERSION. Anything that is not an object is returned as is (the
 * parser replaces it with the defaults). An object from a newer RedBridge (after a downgrade)
 * is returned as is too: the parser keeps what it knows of it.
 */
export function migrateSettings(stored: unknown): unknown {
  if (!isRecord(stored)) return stored;
  let current = stored;
  for (let version = versionOf(stored); version < SETTINGS_VERSION; version += 1) current = STEPS[version]!(current);
  return current;
}
