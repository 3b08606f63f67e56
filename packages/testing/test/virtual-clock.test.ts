import { describe, expect, it } from 'vitest';
import { VirtualClock, realClock } from '../src/virtual-clock.ts';

const START = Date.parse('2025-11-12T10:30:00Z');

describe('VirtualClock timers', () => {
  it('starts at the docs example time unless told otherwise', () => {
    expect(new VirtualClock().now()).toBe(START);
    expect(new VirtualClock({ start: 5 }).now()).toBe(5);
  });

  it('fires due timers in time order, ties in insertion order, and stops at the target', async () => {
    const clock = new VirtualClock({ start: 0 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 300);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`late@${clock.now()}`), 1000);
    await clock.advance(500);
    expect(fired).toEqual(['a@100', 'b@100', 'c@300']);
    expect(clock.now()).toBe(500);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(500);
    expect(fired.at(-1)).toBe('late@1000');
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires timers scheduled during advance when they fall inside the window', async () => {
    const clock = new VirtualClock({ start: 0 });
    const fired: number[] = [];
    const tick = (): void => {
      fired.push(clock.now());
      clock.setTimeout(tick, 100);
    };
    clock.setTimeout(tick, 100);
    await clock.advance(350);
    expect(fired).toEqual([100, 200, 300]);
  });

  it('clearTimeout cancels, and tolerates unknown handles', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(handle);
    clock.clearTimeout(undefined);
    clock.clearTimeout({});
    await clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('treats negative and NaN delays as zero', async () => {
    const clock = new VirtualClock({ start: 0 });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), -5);
    clock.setTimeout(() => fired.push(clock.now()), Number.NaN);
    await clock.advance(0);
    expect(fired).toEqual([0, 0]);
  });

  it('lets promise chains settle between timers', async () => {
    const clock = new VirtualClock({ start: 0 });
    const seen: number[] = [];
    // A poller: each step awaits a promise chain, then sleeps on the clock.
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const poll = async () => {
      for (let i = 0; i < 3; i++) {
        await Promise.resolve().then(() => Promise.resolve());
        seen.push(clock.now());
        await sleep(1000);
      }
    };
    void poll();
    await clock.advance(2500);
    expect(seen).toEqual([0, 1000, 2000]);
  });

  it('methods work unbound, like the globals they stand in for', async () => {
    const clock = new VirtualClock({ start: 0 });
    const { setTimeout: schedule, now } = clock;
    let fired = false;
    schedule(() => (fired = true), 5);
    await clock.advance(5);
    expect(fired).toBe(true);
    expect(now()).toBe(5);
  });

  it('refuses to be driven twice at once', async () => {
    const clock = new VirtualClock();
    const first = clock.advance(10);
    await expect(clock.advance(10)).rejects.toThrow(/already being advanced/);
    await first;
  });

  it('rejects a negative advance', async () => {
    await expect(new VirtualClock().advance(-1)).rejects.toThrow(RangeError);
  });
});

describe('VirtualClock.run', () => {
  it('resolves with the value, jumping straight to the timers', async () => {
    const clock = new VirtualClock({ start: 0 });
    const value = new Promise<string>((resolve) => clock.setTimeout(() => resolve('done'), 60_000));
    await expect(clock.run(value)).resolves.toBe('done');
    expect(clock.now()).toBe(60_000);
  });

  it('drives a loop of sleeps to the end', async () => {
    const clock = new VirtualClock({ start: 0 });
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const loop = async () => {
      let polls = 0;
      while (clock.now() < 600_000) {
        polls += 1;
        await sleep(2000);
      }
      return polls;
    };
    await expect(clock.run(loop())).resolves.toBe(300);
  });

  it('rethrows the rejection of the awaited promise, leaving none unhandled', async () => {
    const clock = new VirtualClock();
    const failing = new Promise((_, reject) => clock.setTimeout(() => reject(new Error('boom')), 10));
    await expect(clock.run(failing)).rejects.toThrow('boom');
    // Already rejected before run is called: still handled by run.
    const early = Promise.reject(new Error('early'));
    await expect(clock.run(early)).rejects.toThrow('early');
  });

  it('detects a hang: pending with no timer scheduled', async () => {
    const clock = new VirtualClock();
    const never = new Promise(() => {});
    await expect(clock.run(never, { idleTimeoutMs: 50 })).rejects.toThrow(
      'VirtualClock.run: the promise is pending with no timer scheduled (a hang?)',
    );
  });

  it('waits for real work while nothing is scheduled', async () => {
    const clock = new VirtualClock();
    const realWork = new Promise((resolve) => realClock.setTimeout(() => resolve('real'), 20));
    await expect(clock.run(realWork)).resolves.toBe('real');
  });

  it('gives up after maxMs of virtual time', async () => {
    const clock = new VirtualClock({ start: 0 });
    const forever = (): void => void clock.setTimeout(forever, 1000);
    forever();
    const never = new Promise(() => {});
    await expect(clock.run(never, { maxMs: 10_000 })).rejects.toThrow(/still pending after 10000 ms of virtual time/);
    expect(clock.now()).toBeLessThanOrEqual(10_000);
  });
});

describe('realClock', () => {
  it('reads Date.now and works unbound', () => {
    const { now, setTimeout: schedule, clearTimeout: cancel } = realClock;
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
    cancel(schedule(() => {}, 1000));
  });
});

describe('VirtualClock.track', () => {
  // Real work: a hash computed by WebCrypto, which settles on a later turn of the event loop.
  const realWork = async () => {
    for (let round = 0; round < 20; round++) await crypto.subtle.digest('SHA-256', new Uint8Array(1 << 16));
    return 'done';
  };

  it('keeps run from jumping to a later timer while tracked real work is pending', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    let timedOut = false;
    clock.setTimeout(() => (timedOut = true), 45_000);
    expect(await clock.run(clock.track(realWork()))).toBe('done');
    expect(timedOut).toBe(false);
    expect(clock.now()).toBe(start);
  });

  it('without it, run takes the pending work for idle and fires the timer first', async () => {
    const clock = new VirtualClock();
    let timedOut = false;
    clock.setTimeout(() => (timedOut = true), 45_000);
    await clock.run(realWork());
    expect(timedOut).toBe(true);
  });
});
