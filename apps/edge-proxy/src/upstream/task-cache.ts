import type { Task } from '@vidgo-sdk/core';
import { filesExpireAt } from '@vidgo-sdk/core/internal';

/** Finished and failed tasks never change: served from here instead of asking Vidgo again. */
export interface TaskCache {
  get(taskId: string): Promise<Task | undefined>;
  put(task: Task): Promise<void>;
}

// Keep a margin so that a cached URL still works for a while when it is served.
const MARGIN_MS = 3_600_000;

/**
 * How long a terminal task may be served from a cache: at most `maxAgeMs`, and never past its
 * file URLs' life (24 h from the earliest creation that `created_time` allows in any zone, see
 * `filesExpireAt`, less an hour of margin). 0 when `created_time` is missing or unreadable: the
 * task's age is unknown, so it is not cached.
 */
export function cacheLifetimeMs(task: Task, now: number, maxAgeMs: number): number {
  const expiresAt = filesExpireAt(task, now);
  const left = expiresAt === undefined ? 0 : expiresAt - MARGIN_MS - now;
  return Math.max(0, Math.min(maxAgeMs, left));
}

/** An in-process cache (Node, Deno): bounded in entries, each with its own expiry. */
export function memoryTaskCache({ maxEntries = 10_000, maxAgeMs = 3_600_000, now = Date.now } = {}): TaskCache {
  const entries = new Map<string, { task: Task; expiresAt: number }>();
  return {
    async get(taskId) {
      const entry = entries.get(taskId);
      if (entry && entry.expiresAt > now()) return entry.task;
      entries.delete(taskId);
      return undefined;
    },
    async put(task) {
      const lifetime = cacheLifetimeMs(task, now(), maxAgeMs);
      if (lifetime <= 0) return;
      entries.delete(task.task_id);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(task.task_id, { task, expiresAt: now() + lifetime });
    },
  };
}
