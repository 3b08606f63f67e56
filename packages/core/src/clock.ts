/**
 * Time as the client sees it: the `clock` option of the client, `TaskPool` and `watchTaskEvents`.
 * Injected so tests run on virtual time and never sleep for real; the default is the system's.
 */
export interface Clock {
  /** The current time in ms since the epoch, as `Date.now()`. */
  now(): number;
  /** Runs `callback` once after `ms` ms; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a callback scheduled by this clock's `setTimeout`, by its handle. */
  clearTimeout(handle: unknown): void;
}

// Called unbound through arrows: some runtimes throw "Illegal invocation" when timers are
// called as methods of another object. A moment already past (a pool's due time, a deadline) is
// 0 ms: for a negative delay Bun and Node 23+ print a TimeoutNegativeWarning on the user's stderr.
export const systemClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
