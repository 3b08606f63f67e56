// TaskWatcher: a watch stored by an earlier version wakes up and carries on with the core's step.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { openWebSocket, summary } from './support/subscribers.ts';
import { freshId, resetWatcherOptions, useSimulator, watcherOptions } from './support/upstream.ts';
import { TestTaskWatcher } from './support/test-worker.ts';
import { watcherOf } from './support/watchers.ts';

afterEach(() => resetWatcherOptions());

/** The record as the version before the engine step stored it: its wait state, nextPollAt, no task kept beyond it. */
function oldRecord(taskId: string, startedAt: number, wait: object) {
  return {
    wait: {
      taskId,
      startedAt,
      deadline: startedAt + 3_600_000,
      attempts: 2,
      failures: 0,
      expected: [15_000, 60_000],
      status: 'running',
      progress: 0,
      anchor: [startedAt, 0],
      ...wait,
    },
    watch: 'old00000',
    sequence: 2,
    task: { task_id: taskId, status: 'running', files: [], progress: 0 },
    nextPollAt: startedAt,
  };
}

describe('TaskWatcher: a watch stored by an earlier version', () => {
  for (const [name, wait] of [
    ['created_time it could not place (createdAt missing)', {}],
    ['created_time of a zone behind UTC, read as hours old', { createdAt: -5 * 3_600_000 }],
  ] as const) {
    it(`wakes with ${name}, places the creation afresh, and polls on the schedule`, async () => {
      Object.assign(watcherOptions, { minIntervalMs: 2000, maxIntervalMs: 60_000 });
      const simulator = useSimulator();
      const id = simulator.createTask({ id: freshId(), queuedMs: 0, durationMs: 40_000, progress: 'none' });
      const stub = watcherOf(id);
      const startedAt = Date.now();
      const record = oldRecord(id, startedAt, 'createdAt' in wait ? { createdAt: startedAt + wait.createdAt } : {});
      // A WebSocket viewer: hibernated sockets are what a new instance sees.
      const viewer = await openWebSocket(stub, `/watch?taskId=${encodeURIComponent(id)}`);
      expect(summary(await viewer.next())).toBe('running 0');
      await simulator.advance(3000);
      // A new instance over storage that holds the old record, as after an upgrade and an eviction.
      const { state, alarm } = await runInDurableObject(stub, async (_instance, storage) => {
        await storage.storage.put('watch', record);
        await new TestTaskWatcher(storage, env).alarm();
        return {
          state: (await storage.storage.get<{ wait: Record<string, unknown> }>('watch'))!.wait,
          alarm: await storage.storage.getAlarm(),
        };
      });
      expect(state).toMatchObject({ taskId: id, startedAt, attempts: 3, failures: 0, status: 'running' });
      // Placed afresh: this simulator writes UTC, so created_time (whole seconds) fits the wait's start.
      expect(startedAt - (state.createdAt as number)).toBeGreaterThanOrEqual(0);
      expect(startedAt - (state.createdAt as number)).toBeLessThan(1000);
      // The next poll when an image may first be done (15 s), not 15 s after this poll.
      expect(alarm! - startedAt).toBeGreaterThan(13_000);
      expect(alarm! - startedAt).toBeLessThanOrEqual(15_500);
    });
  }
});
