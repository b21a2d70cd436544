import { createLimiter } from '../limiter';
import { createTokenBucket } from '../token-bucket';
import type { BackendCapabilities } from '../types';

type Limits = Pick<BackendCapabilities, 'maxConcurrentRequests' | 'requestsPerSecond' | 'burst'>;

/**
 * A backend's request limits, which every request of its queue passes, retries and split
 * requests included: a few in flight at once (limiter), no faster than its token bucket.
 */
export class RequestLimits {
  private readonly limiter: ReturnType<typeof createLimiter>;
  private readonly bucket: ReturnType<typeof createTokenBucket>;
  /** Set while a caller of `tryTakeToken` waits for the bucket's next token. */
  private tokenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    { maxConcurrentRequests, requestsPerSecond, burst }: Limits,
    /** Called when a token refused to `tryTakeToken` has come. */
    private readonly onToken: () => void,
  ) {
    this.limiter = createLimiter(maxConcurrentRequests);
    this.bucket = createTokenBucket(requestsPerSecond, burst);
  }

  /** A request started now would not wait for a slot. */
  get slotFree(): boolean {
    return this.limiter.available > 0;
  }

  /** Takes a token if one is there and no waiting request is owed it; otherwise `onToken` is called when one comes. */
  tryTakeToken(): boolean {
    if (this.bucket.tryTake()) return true;
    if (this.tokenTimer === undefined) {
      this.tokenTimer = setTimeout(() => {
        this.tokenTimer = undefined;
        this.onToken();
      }, this.bucket.msUntilToken());
    }
    return false;
  }

  /**
   * Runs `request` in a slot, after waiting for a token unless `tokenTaken` (the caller took it
   * with `tryTakeToken`). The slot is taken before this returns when one is free.
   */
  run<T>(tokenTaken: boolean, request: () => Promise<T>): Promise<T> {
    return this.limiter.run(async () => {
      if (!tokenTaken) await this.bucket.take();
      return request();
    });
  }
}
