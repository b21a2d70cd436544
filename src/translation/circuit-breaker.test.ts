import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { TranslationError } from './errors';

const options = { failureThreshold: 2, basePauseMs: 1000, maxPauseMs: 3000 };
const serverError = new TranslationError('server', 'Fake had a server error (HTTP 500)', 500);

function breakerAt() {
  let now = 0;
  const breaker = new CircuitBreaker('Fake', options, () => now);
  return { breaker, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold', () => {
    const { breaker } = breakerAt();
    breaker.recordFailure(serverError);
    expect(breaker.remainingPauseMs()).toBe(0);
  });

  it('pauses at the threshold, and doubles the pause each time it fails again right after', () => {
    const { breaker, advance } = breakerAt();
    breaker.recordFailure(serverError);
    breaker.recordFailure(serverError);
    expect(breaker.remainingPauseMs()).toBe(1000);
    advance(1000);
    expect(breaker.remainingPauseMs()).toBe(0);
    breaker.recordFailure(serverError);
    expect(breaker.remainingPauseMs()).toBe(2000);
    advance(2000);
    breaker.recordFailure(serverError);
    expect(breaker.remainingPauseMs()).toBe(3000);
  });

  it('forgets failures after a success', () => {
    const { breaker } = breakerAt();
    breaker.recordFailure(serverError);
    breaker.recordSuccess();
    breaker.recordFailure(serverError);
    expect(breaker.remainingPauseMs()).toBe(0);
  });

  it('pauses for the backend’s own Retry-After, even on a first failure', () => {
    const { breaker } = breakerAt();
    breaker.recordFailure(new TranslationError('rate-limited', 'Fake is rate-limiting requests (HTTP 429)', 429, 60_000));
    expect(breaker.remainingPauseMs()).toBe(60_000);
  });

  it('tells a paused request why, and when the backend is asked again', () => {
    const { breaker } = breakerAt();
    breaker.recordFailure(serverError);
    breaker.recordFailure(serverError);
    expect(breaker.pausedError()).toMatchObject({
      code: 'server',
      message: 'Fake had a server error (HTTP 500) (RedBridge will ask Fake again in 1 s)',
    });
  });
});

describe('CircuitBreaker.health', () => {
  const rateLimited = new TranslationError('rate-limited', 'Fake is rate-limiting requests (HTTP 429)', 429);

  it('is unused before any request, working after a success', () => {
    const { breaker } = breakerAt();
    expect(breaker.health()).toEqual({ state: 'unused' });
    breaker.recordSuccess();
    expect(breaker.health()).toEqual({ state: 'working' });
  });

  it('says failing with the last error after one failure, paused with the wait after enough of them', () => {
    const { breaker, advance } = breakerAt();
    breaker.recordFailure(serverError);
    expect(breaker.health()).toEqual({ state: 'failing', lastError: serverError.message });
    breaker.recordFailure(serverError);
    expect(breaker.health()).toEqual({ state: 'paused', lastError: serverError.message, pausedForMs: 1000 });
    advance(1000);
    expect(breaker.health()).toEqual({ state: 'failing', lastError: serverError.message });
    breaker.recordSuccess();
    expect(breaker.health()).toEqual({ state: 'working' });
  });

  it('says rate-limited after a 429', () => {
    const { breaker } = breakerAt();
    breaker.recordFailure(rateLimited);
    expect(breaker.health()).toMatchObject({ state: 'rate-limited', lastError: rateLimited.message });
  });
});
