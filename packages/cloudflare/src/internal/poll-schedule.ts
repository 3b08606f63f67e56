import type { WaitState } from '@vidgo-sdk/core';
import { withDefaults, type TaskWatcherOptions } from '../task-watcher-options.ts';

// As the core's engine: the last poll goes out this long before the deadline.
const LAST_POLL_LEAD_MS = 1000;

/**
 * When the next poll is due (epoch ms), on the core's schedule within the options' bounds. After
 * a failed poll (`retryAfterMs` from a 429 when it said), `Retry-After` wins over the schedule and
 * its ceiling. Past the last poll, it is the deadline itself, whose alarm tells the viewers.
 */
export function nextPollAt(wait: WaitState, options: TaskWatcherOptions, now: number, failed?: { retryAfterMs?: number }): number {
  const { minIntervalMs, maxIntervalMs, strategy } = withDefaults(options);
  const scheduled = strategy(wait, now);
  const delay = failed
    ? Math.max(failed.retryAfterMs ?? Math.min(scheduled, maxIntervalMs), minIntervalMs)
    : Math.min(Math.max(scheduled, minIntervalMs), maxIntervalMs);
  const untilLastPoll = wait.deadline - LAST_POLL_LEAD_MS - now;
  return untilLastPoll > 0 ? now + Math.min(delay, untilLastPoll) : wait.deadline;
}
