import { describe, expect, it } from 'vitest';
import { TimerQueue, type Timer } from '../../src/internal/timer-queue.ts';

describe('TimerQueue', () => {
  it('hands out timers by due time, then creation order, skipping cancelled ones', () => {
    const queue = new TimerQueue();
    const timers: Timer[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let order = 0; order < 2000; order++) {
      const timer = { at: Math.floor(random() * 100), order, callback: () => {} };
      timers.push(timer);
      queue.add(timer);
    }
    const cancelled = new Set(timers.filter((_, index) => index % 3 === 0));
    for (const timer of cancelled) queue.cancel(timer);
    expect(queue.size).toBe(2000 - cancelled.size);

    const taken: Timer[] = [];
    for (let timer = queue.take(); timer; timer = queue.take()) taken.push(timer);
    const expected = timers.filter((timer) => !cancelled.has(timer)).sort((a, b) => a.at - b.at || a.order - b.order);
    expect(taken).toEqual(expected);
    expect(queue.size).toBe(0);
  });

  it('ignores a handle it does not hold, or one already taken', () => {
    const queue = new TimerQueue();
    const timer = { at: 1, order: 0, callback: () => {} };
    queue.add(timer);
    queue.cancel({ at: 1, order: 9, callback: () => {} });
    expect(queue.take()).toBe(timer);
    queue.cancel(timer);
    expect(queue.size).toBe(0);
  });
});
