/**
 * Tells the harness's own failures from RedBridge's. A pass either returns its measurement or
 * throws: whatever RedBridge does wrong (a unit never translated, a note left without an
 * overlay, a page that never settles) is measured and judged by a budget, so a throw is always
 * the harness's (a browser that did not start, a page element that never appeared, a
 * navigation or trace that failed). Such a pass is named in the log and tried once more; a
 * budget is never judged on it.
 */

export interface HarnessFailure {
  /** The pass, as the log names it. */
  pass: string;
  message: string;
  /** Whether the second try measured the pass. */
  recovered: boolean;
}

/** Thrown when a pass failed twice for the harness's reasons: the run has no verdict. */
export class HarnessBroken extends Error {
  constructor(readonly failure: HarnessFailure) {
    super(`${failure.pass} failed twice for a reason that is not RedBridge's performance: ${failure.message}`);
    this.name = 'HarnessBroken';
  }
}

export interface Harness {
  /** Runs `measure`, and once more if it throws; throws HarnessBroken if the second try throws too. */
  attempt<T>(pass: string, measure: () => Promise<T>): Promise<T>;
  /** Every pass that threw, in order. */
  readonly failures: readonly HarnessFailure[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

export function createHarness(log: (message: string) => void): Harness {
  const failures: HarnessFailure[] = [];
  return {
    failures,
    async attempt(pass, measure) {
      try {
        return await measure();
      } catch (error) {
        const failure: HarnessFailure = { pass, message: messageOf(error), recovered: false };
        failures.push(failure);
        log(`harness failure, not RedBridge's performance: ${pass}: ${failure.message}; trying it once more`);
        try {
          const result = await measure();
          failure.recovered = true;
          log(`${pass}: the second try measured it`);
          return result;
        } catch (again) {
          throw new HarnessBroken({ pass, message: `${failure.message}; then ${messageOf(again)}`, recovered: false });
        }
      }
    },
  };
}
