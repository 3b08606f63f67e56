import type { Task } from '@vidgo-sdk/core';

// File URLs die 24 h after the task was created. A cached task must be gone well before that,
// so that a cached URL always has at least this margin of life left when it is served.
const FILE_URL_LIFETIME_MS = 24 * 3_600_000;
const MARGIN_MS = 3_600_000;
const MAX_CLOCK_SKEW_MS = 60_000;

/**
 * How long (seconds) a finished or failed task may stay in a cache: at most `maxAgeSeconds`, and
 * never past its file URLs' 24 hours less an hour of margin, counted from `created_time` read as
 * UTC. When `created_time` is missing, unreadable or in the future (then it is not UTC, and the
 * task is fresh), `maxAgeSeconds` alone: a task seen finishing is almost always young. 0: do not
 * cache.
 */
export function cacheLifetimeSeconds(task: Pick<Task, 'created_time'>, now: number, maxAgeSeconds: number): number {
  const created = readCreatedTime(task.created_time);
  const leftMs = Number.isNaN(created) || created > now + MAX_CLOCK_SKEW_MS ? Infinity : created + FILE_URL_LIFETIME_MS - MARGIN_MS - now;
  return Math.max(0, Math.floor(Math.min(maxAgeSeconds, leftMs / 1000)));
}

/** `created_time` has no timezone on the wire: read it as UTC (one that carries a zone is read as it says). */
function readCreatedTime(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
}
