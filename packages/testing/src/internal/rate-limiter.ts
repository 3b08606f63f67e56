const WINDOW_MS = 1000;

/** A sliding one-second window over the requests it let through, on the simulator's clock. */
export class RateLimiter {
  #served: number[] = [];
  readonly #requestsPerSecond: number;

  constructor(requestsPerSecond: number) {
    if (!(requestsPerSecond > 0))
      throw new RangeError(`rateLimit.requestsPerSecond must be positive, got ${requestsPerSecond}`);
    this.#requestsPerSecond = requestsPerSecond;
  }

  /** Records the request and returns true when it is within the limit. */
  allow(now: number): boolean {
    this.#served = this.#served.filter((at) => at > now - WINDOW_MS);
    if (this.#served.length >= this.#requestsPerSecond) return false;
    this.#served.push(now);
    return true;
  }

  reset(): void {
    this.#served = [];
  }
}
