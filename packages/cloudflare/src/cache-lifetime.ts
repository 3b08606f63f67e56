import type { Task } from '@vidgo-sdk/core';
import { filesExpireAt } from '@vidgo-sdk/core/internal';

// A cached task must be gone well before its file URLs die, so that a cached URL always has at
// least this margin of life left when it is served.
const MARGIN_MS = 3_600_000;

/**
 * How long (seconds) a finished or failed task may stay in a cache: at most `maxAgeSeconds`, and
 * never past its file URLs' 24 hours less an hour of margin. `created_time` names no zone, so
 * those 24 hours count from the earliest creation any zone allows (`filesExpireAt` in the core):
 * never too long, whatever Vidgo's clock. When `created_time` is missing or unreadable, the
 * task's age is unknown and nothing is cached: 0.
 */
export function cacheLifetimeSeconds(task: Pick<Task, 'created_time'>, now: number, maxAgeSeconds: number): number {
  const expiresAt = filesExpireAt(task, now);
  const leftMs = expiresAt === undefined ? 0 : expiresAt - MARGIN_MS - now;
  return Math.max(0, Math.floor(Math.min(maxAgeSeconds, leftMs / 1000)));
}
