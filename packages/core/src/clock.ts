/** Time as the client sees it. Injected so tests run on virtual time and never sleep for real. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Called unbound through arrows: some runtimes throw "Illegal invocation" when timers are
// called as methods of another object.
export const systemClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
