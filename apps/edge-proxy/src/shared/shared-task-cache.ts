import type { Task } from '@vidgo-sdk/core';
import type { Redis } from 'ioredis';
import { cacheLifetimeMs, type TaskCache } from '../upstream/task-cache.ts';
import { keys } from './keys.ts';

const MAX_AGE_MS = 3_600_000;

/**
 * Finished and failed tasks in Redis, for every replica, with the in-process cache's lifetime
 * rules (`cacheLifetimeMs`), in front of this replica's own memory cache: that one answers first,
 * and alone while Redis is away.
 */
export function sharedTaskCache(redis: Redis, local: TaskCache, now: () => number): TaskCache {
  return {
    async get(taskId) {
      const known = await local.get(taskId);
      if (known) return known;
      const text = await redis.get(keys.terminal(taskId)).catch(() => null);
      if (text === null) return undefined;
      const task = JSON.parse(text) as Task;
      await local.put(task);
      return task;
    },
    async put(task) {
      await local.put(task);
      const lifetime = cacheLifetimeMs(task, now(), MAX_AGE_MS);
      if (lifetime <= 0) return;
      await redis.set(keys.terminal(task.task_id), JSON.stringify(task), 'PX', lifetime).catch(() => {});
    },
  };
}
