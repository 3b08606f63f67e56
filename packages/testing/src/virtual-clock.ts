import { TimerQueue, type Timer } from './internal/timer-queue.ts';

/** Time as a client or the simulator sees it. Structurally identical to core's `Clock`. */
export interface Clock {
  /** The current time, in epoch ms. */
  now(): number;
  /** Calls `callback` once `ms` have passed; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer that has not fired yet. */
  clearTimeout(handle: unknown): void;
}

// Arrows that read the globals at call time: fake timers installed later are honoured, and
// nothing is ever called as a method of another object ("Illegal invocation" in some runtimes).
/** The wall clock and the global timers, for a simulator served to real clients (`listen`). */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// Captured once at load so that settling keeps working when a test installs fake timers.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realDateNow = Date.now.bind(Date);
// A macrotask turn without the 1 ms clamp of setTimeout(0) where the runtime has one (Node,
// Bun): a poll loop of 300 sleeps settles in milliseconds instead of a second.
const globalImmediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const realSetImmediate = typeof globalImmediate === 'function' ? globalImmediate.bind(globalThis) : undefined;

const DEFAULT_START = Date.parse('2025-11-12T10:30:00Z');
const DEFAULT_MAX_MS = 24 * 60 * 60 * 1000;
const DEFAULT_IDLE_TIMEOUT_MS = 2000;
// Real macrotask turns per settle. msw's in-memory round trip (handler, response, `.json()`)
// runs on microtasks alone and is done after one turn; three leave headroom for longer chains.
const SETTLE_YIELDS = 3;

/** Where a `VirtualClock` starts. */
export interface VirtualClockOptions {
  /** Epoch milliseconds the clock starts at. Default: 2025-11-12T10:30:00Z, the docs' example time. */
  start?: number;
}

/** The bounds of `VirtualClock.run`. */
export interface RunOptions {
  /** Virtual time `run` may spend before giving up. Default: 24 hours. */
  maxMs?: number;
  /** Real time to wait for a promise that has no timer to advance to. Default: 2000 ms. */
  idleTimeoutMs?: number;
}

/** A clock that only moves when told to, firing its timers in order as it goes. */
export class VirtualClock implements Clock {
  #now: number;
  #order = 0;
  #timers = new TimerQueue();
  #busy = false;
  #realWork = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.#now = options.start ?? DEFAULT_START;
  }

  // Arrow properties so the methods can be passed around unbound, like the globals they replace.
  /** The virtual time, in epoch ms. */
  now = (): number => this.#now;

  /** Schedules `callback` at `now() + ms` of virtual time; it fires when the clock is advanced past it. */
  setTimeout = (callback: () => void, ms: number): unknown => {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: Timer = { at: this.#now + delay, order: this.#order++, callback };
    this.#timers.add(timer);
    return timer;
  };

  /** Cancels a timer that has not fired yet. */
  clearTimeout = (handle: unknown): void => {
    this.#timers.cancel(handle as Timer);
  };

  /** How many timers are waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting the program settle between them. */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`VirtualClock.advance: ms must be a non-negative number, got ${ms}`);
    await this.#exclusive('advance', async () => {
      const target = this.#now + ms;
      await settle();
      for (let timer = this.#earliest(); timer && timer.at <= target; timer = this.#earliest()) {
        this.#fire(timer);
        await settle();
      }
      this.#now = target;
      await settle();
    });
  }

  /**
   * Marks `promise` as real work (WebCrypto, a socket, a worker) that virtual time must not outrun:
   * while it is pending, `run` fires only timers already due and waits in real time (up to its idle
   * timeout), so work that needs a later virtual timer to finish must not be tracked.
   * Without it, a virtual timeout set beside real work (a client's read timeout around a request
   * whose server verifies a JWT) can fire before work that takes microseconds of real time.
   */
  track<T>(work: T | Promise<T>): Promise<T> {
    const promise = Promise.resolve(work);
    this.#realWork++;
    const done = () => {
      this.#realWork--;
    };
    promise.then(done, done);
    return promise;
  }

  /**
   * Awaits `promise`, jumping virtual time from timer to timer for as long as it is pending.
   * Rejects when virtual time passes `maxMs`, or when nothing is scheduled and the promise stays
   * pending for `idleTimeoutMs` of real time (a hang).
   */
  async run<T>(promise: Promise<T>, options: RunOptions = {}): Promise<T> {
    const maxMs = options.maxMs ?? DEFAULT_MAX_MS;
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    // Observing the outcome here also marks a rejection as handled: run rethrows it instead.
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    promise.then(
      (value) => (outcome = { ok: true, value }),
      (error: unknown) => (outcome = { ok: false, error }),
    );
    const settled = (): boolean => outcome !== undefined;

    await this.#exclusive('run', async () => {
      const limit = this.#now + maxMs;
      for (;;) {
        await settle();
        if (settled()) return;
        const timer = this.#earliest();
        // Real work in flight: timers already due still fire, but time does not jump past it.
        if (this.#realWork > 0 && !(timer && timer.at <= this.#now)) {
          const deadline = realDateNow() + idleTimeoutMs;
          while (!settled() && this.#realWork > 0 && realDateNow() < deadline) await realYield();
          if (this.#realWork > 0 && !settled()) throw new Error('VirtualClock.run: tracked real work never settled');
          continue;
        }
        if (timer) {
          if (timer.at > limit) {
            throw new Error(`VirtualClock.run: the promise is still pending after ${maxMs} ms of virtual time`);
          }
          this.#fire(timer);
          continue;
        }
        const deadline = realDateNow() + idleTimeoutMs;
        while (!settled() && this.#timers.size === 0 && realDateNow() < deadline) await realYield();
        if (!settled() && this.#timers.size === 0) {
          throw new Error('VirtualClock.run: the promise is pending with no timer scheduled (a hang?)');
        }
      }
    });

    if (!outcome) throw new Error('VirtualClock.run: internal error, no outcome');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  #earliest(): Timer | undefined {
    return this.#timers.peek();
  }

  #fire(timer: Timer): void {
    this.#timers.cancel(timer);
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
  }

  // Two drivers interleaving would fire timers out of order; refuse loudly instead.
  async #exclusive(name: string, body: () => Promise<void>): Promise<void> {
    if (this.#busy) {
      throw new Error(
        `VirtualClock.${name}: the clock is already being advanced (await the other advance or run first)`,
      );
    }
    this.#busy = true;
    try {
      await body();
    } finally {
      this.#busy = false;
    }
  }
}

function realYield(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 0));
}

function quickYield(): Promise<void> {
  return realSetImmediate ? new Promise((resolve) => realSetImmediate(resolve)) : realYield();
}

async function settle(): Promise<void> {
  for (let i = 0; i < SETTLE_YIELDS; i++) await quickYield();
}
