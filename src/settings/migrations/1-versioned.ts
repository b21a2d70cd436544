/**
 * Version 0 → 1: settings stored before versions existed (every release up to 2026-12) carry
 * no `version`. Their fields are today's, or a subset of them (the settings only grew), so the
 * step only stamps the version; later steps can then rely on knowing what they read.
 */
export function versioned(stored: Record<string, unknown>): Record<string, unknown> {
  return { ...stored, version: 1 };
}
