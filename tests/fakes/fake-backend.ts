import type { LocalServer } from './http';

/** How a fake answers: normally, or with an error status for every request. */
export type FakeMode = { kind: 'ok' } | { kind: 'fail'; status: number; retryAfterSeconds?: number };

export interface FakeRequestRecord {
  path: string;
  texts: string[];
  status: number;
}

/** A fake translation server: its requests are recorded and its answers can be switched. */
export interface FakeBackend extends LocalServer {
  readonly requests: FakeRequestRecord[];
  /** Every text the fake translated successfully, in order. */
  readonly translatedTexts: string[];
  setMode(mode: FakeMode): void;
}
