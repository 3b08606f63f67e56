import type { Clock } from '@vidgo-sdk/core/internal';

export interface Heartbeat {
  /** A watcher joined: the beat runs while any watcher is left. */
  joined(): void;
  /** A watcher left, or several did at once. */
  left(count?: number): void;
  readonly watchers: number;
  stop(): void;
}

/**
 * One timer for every watcher of every task, ticking only while someone watches: each tick pings
 * them all, so proxies and load balancers see traffic and a viewer who left is found.
 */
export function heartbeat(clock: Clock, everyMs: number, ping: () => void): Heartbeat {
  let timer: unknown;
  let watchers = 0;
  const beat = () => {
    timer = undefined;
    ping();
    if (watchers > 0) timer = clock.setTimeout(beat, everyMs);
  };
  const stop = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  return {
    joined() {
      watchers++;
      timer ??= clock.setTimeout(beat, everyMs);
    },
    left(count = 1) {
      watchers -= count;
      if (watchers === 0) stop();
    },
    get watchers() {
      return watchers;
    },
    stop,
  };
}
