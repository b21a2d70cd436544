import { describe, expect, it, vi } from 'vitest';
import { createHarness, HarnessBroken } from './harness';

describe('the harness', () => {
  it('returns what a pass measured, and records no failure', async () => {
    const harness = createHarness(() => {});
    await expect(harness.attempt('round 1', async () => 42)).resolves.toBe(42);
    expect(harness.failures).toEqual([]);
  });

  it('names a pass that threw in the log, tries it once more, and records that the second try measured it', async () => {
    const log = vi.fn();
    const harness = createHarness(log);
    let tries = 0;
    const result = await harness.attempt('round 2', async () => {
      tries += 1;
      if (tries === 1) throw new Error('Waiting for selector `.note-scroller` failed');
      return 'measured';
    });
    expect(result).toBe('measured');
    expect(tries).toBe(2);
    expect(harness.failures).toEqual([{ pass: 'round 2', message: 'Waiting for selector `.note-scroller` failed', recovered: true }]);
    expect(log.mock.calls.map(([message]) => message).join('\n')).toMatch(/harness failure, not RedBridge's performance: round 2: Waiting for selector/);
  });

  it('gives up after the second failure with no verdict, never a third try', async () => {
    const harness = createHarness(() => {});
    let tries = 0;
    const attempt = harness.attempt('starting Chromium', async () => {
      tries += 1;
      throw new Error(`no browser (${tries})`);
    });
    await expect(attempt).rejects.toBeInstanceOf(HarnessBroken);
    await expect(attempt).rejects.toThrow(/starting Chromium failed twice.*no browser \(1\); then no browser \(2\)/);
    expect(tries).toBe(2);
    expect(harness.failures).toEqual([{ pass: 'starting Chromium', message: 'no browser (1)', recovered: false }]);
  });
});
