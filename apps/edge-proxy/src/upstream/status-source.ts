import { isTerminal, type Task, type VidgoClient } from '@vidgo-sdk/core';
import type { TaskCache } from './task-cache.ts';

export interface StatusSource {
  /** The task's state: from the cache when terminal, else from Vidgo, one call per id at a time. */
  get(taskId: string, options?: { fresh?: boolean }): Promise<Task>;
  /** Calls that reached Vidgo, for tests and the benchmark. */
  readonly upstreamCalls: number;
}

/**
 * Fewer upstream calls: concurrent requests for one id share one call to Vidgo, and finished or
 * failed tasks are cached.
 */
export function createStatusSource(client: Pick<VidgoClient, 'getTask'>, cache: TaskCache): StatusSource {
  const inFlight = new Map<string, Promise<Task>>();
  let upstreamCalls = 0;
  const fetchTask = (taskId: string): Promise<Task> => {
    const pending = inFlight.get(taskId);
    if (pending) return pending;
    upstreamCalls++;
    const call = client
      .getTask(taskId)
      .then(async (task) => {
        if (isTerminal(task)) await cache.put(task);
        return task;
      })
      .finally(() => inFlight.delete(taskId));
    inFlight.set(taskId, call);
    return call;
  };
  return {
    async get(taskId, { fresh = false } = {}) {
      if (!fresh) {
        const cached = await cache.get(taskId);
        if (cached) return cached;
      }
      return fetchTask(taskId);
    },
    get upstreamCalls() {
      return upstreamCalls;
    },
  };
}
