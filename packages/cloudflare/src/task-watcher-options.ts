import { adaptiveStrategy, type PollStrategy } from '@vidgo-sdk/core/internal';

/** How a `TaskWatcher` polls and how long it keeps a watch: override its `options` in a subclass to change them. */
export interface TaskWatcherOptions {
  /** Never poll faster than this. Default 2000, as the Vidgo docs ask. */
  minIntervalMs?: number;
  /** Never wait longer than this between polls (each poll also pings SSE viewers). Default 60 000. */
  maxIntervalMs?: number;
  /** How long one watch lasts before its viewers are told to reconnect. Default 1 hour. */
  timeoutMs?: number;
  /** Replaces the core's `adaptiveStrategy`. */
  strategy?: PollStrategy;
  /**
   * How long a watch outlives its last viewer, without polling, so that a page reload or an
   * EventSource reconnect finds it (no new poll, nothing lost). Default 10 000.
   */
  lingerMs?: number;
  /**
   * How long a 404 or 403 from a first read is remembered, so that a burst of viewers of a
   * missing task costs one upstream call. Default 5000.
   */
  negativeCacheMs?: number;
}

/** The options with their defaults filled in (an option set to undefined counts as unset). */
export function withDefaults(options: TaskWatcherOptions): Required<TaskWatcherOptions> {
  const {
    minIntervalMs = 2000,
    maxIntervalMs = 60_000,
    timeoutMs = 3_600_000,
    strategy = adaptiveStrategy,
    lingerMs = 10_000,
    negativeCacheMs = 5000,
  } = options;
  return { minIntervalMs, maxIntervalMs, timeoutMs, strategy, lingerMs, negativeCacheMs };
}
