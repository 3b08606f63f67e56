import { VirtualClock } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { guard, sleep } from '../../src/internal/guard.ts';

describe('guard', () => {
  it('settles with the work when it finishes first and leaves no timer', async () => {
    const clock = new VirtualClock();
    await expect(
      guard(
        1000,
        clock,
        undefined,
        () => 'late',
        async () => 'done',
      ),
    ).resolves.toBe('done');
    expect(clock.pendingTimers).toBe(0);
  });

  it('settles with onTimeout at the deadline and aborts the work', async () => {
    const clock = new VirtualClock();
    let workSignal: AbortSignal | undefined;
    const guarded = guard(
      1000,
      clock,
      undefined,
      () => 'timed out',
      (signal) => {
        workSignal = signal;
        return new Promise<string>(() => {});
      },
    );
    await expect(clock.run(guarded)).resolves.toBe('timed out');
    expect(clock.now() - new VirtualClock().now()).toBe(1000);
    expect(workSignal?.aborted).toBe(true);
  });

  it('rejects with what onTimeout throws', async () => {
    const clock = new VirtualClock();
    const guarded = guard(10, clock, undefined, () => {
      throw new Error('too slow');
    });
    await expect(clock.run(guarded)).rejects.toThrow('too slow');
  });

  it('rejects at once with the reason of an abort, even when the work ignores its signal', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const guarded = guard(
      60_000,
      clock,
      controller.signal,
      () => 'late',
      () => new Promise<string>(() => {}),
    );
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(guarded).rejects.toBe(reason);
    expect(clock.pendingTimers).toBe(0);
  });

  it('starts nothing when the signal is already aborted', async () => {
    const clock = new VirtualClock();
    let started = false;
    const reason = new DOMException('gone', 'AbortError');
    const guarded = guard(
      10,
      clock,
      AbortSignal.abort(reason),
      () => 'x',
      async () => {
        started = true;
        return 'y';
      },
    );
    await expect(guarded).rejects.toBe(reason);
    expect(started).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('sleep', () => {
  it('waits exactly its time on the clock', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    await clock.run(sleep(2500, clock));
    expect(clock.now() - start).toBe(2500);
  });

  it('rejects within the same tick when aborted mid-sleep', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = sleep(10_000, clock, controller.signal);
    await clock.advance(4000);
    controller.abort('stop');
    await expect(sleeping).rejects.toBe('stop');
    expect(clock.pendingTimers).toBe(0);
  });
});
