import { type Task, WaitTimeoutError } from '@vidgo-sdk/core';
import { describe, expect, it } from 'vitest';
import { memoryTaskCache } from '../src/upstream/task-cache.ts';
import { watchLoops } from '../src/watch/watch-loop.ts';
import type { WatchEnd } from '../src/watch/watcher.ts';

const running: Task = { task_id: 'task-1', status: 'running', files: [], progress: 10 };

/** A loop whose upstream watch ends with `error`, and how its one watcher was told it ended. */
async function endOfLoop(error: Error): Promise<WatchEnd | undefined> {
  const client = {
    // biome-ignore lint/correctness/useYield: a watch that fails before its first change.
    async *watchTask(): AsyncGenerator<Task, void> {
      throw error;
    },
  };
  const loops = watchLoops({ client, cache: memoryTaskCache(), log: () => {}, maxWatchMs: 1000 });
  return new Promise((resolve) => {
    const entry = loops.open('task-1', running, () => {});
    entry.watchers.add({ send: () => {}, ping: () => {}, end: resolve });
  });
}

describe('a watch loop that ends without the terminal task', () => {
  it('says `wait_timeout` when it hit its own time limit, so that a client reconnects and watches on', async () => {
    const timeout = new WaitTimeoutError('waitForTask("task-1"): 1000 ms', {
      taskId: 'task-1',
      lastTask: running,
      elapsedMs: 1000,
      state: { taskId: 'task-1', startedAt: 0, deadline: 1000, attempts: 1, failures: 0 },
    });
    await expect(endOfLoop(timeout)).resolves.toEqual({
      failure: { code: 'wait_timeout', detail: 'Still running; reconnect to keep watching' },
    });
  });

  it('gives no code for a failure a reconnect cannot mend', async () => {
    await expect(endOfLoop(new Error('boom'))).resolves.toEqual({ failure: { detail: 'Internal proxy error' } });
  });
});
