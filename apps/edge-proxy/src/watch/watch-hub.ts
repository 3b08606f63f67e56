import type { Task, VidgoClient } from '@vidgo-sdk/core';
import type { Clock } from '@vidgo-sdk/core/internal';
import type { Log } from '../logger.ts';
import type { StatusSource } from '../upstream/status-source.ts';
import type { TaskCache } from '../upstream/task-cache.ts';
import { heartbeat } from './heartbeat.ts';
import { replayFor, type WatchEntry } from './watch-entry.ts';
import { watchLoops } from './watch-loop.ts';
import type { WatchEnd, Watcher } from './watcher.ts';

export interface WatchHub {
  /**
   * Delivers each change of the task to `watcher`; returns the function that stops. `current` is
   * the task as just read (the route reads it before opening the stream): a new loop starts from it.
   */
  subscribe(taskId: string, watcher: Watcher, options?: { lastEventId?: string; current?: Task }): () => void;
  /** The task as its running loop last saw it, if one runs: a joining viewer needs no read of its own. */
  latest(taskId: string): Task | undefined;
  /** Whether one more task can be watched: it is watched already, or there is room for its loop. */
  hasRoomFor(taskId: string): boolean;
  /** A hint (a callback arrived): re-reads the task now and tells its watchers if it changed. */
  hint(taskId: string): Promise<void>;
  /** Tasks being polled: one loop each, whatever the number of watchers. */
  readonly loops: number;
  readonly watchers: number;
  /**
   * Ends every loop and stream, `how` (default: a failure saying the proxy is shutting down), and
   * every stream that opens afterwards the same way at once.
   */
  close(how?: WatchEnd): void;
}

export interface WatchHubOptions {
  client: Pick<VidgoClient, 'watchTask'>;
  source: StatusSource;
  cache: TaskCache;
  log: Log;
  clock: Clock;
  heartbeatMs?: number;
  /** How long one polling loop may run before its watchers are told to reconnect. */
  maxWatchMs?: number;
  /** How long a loop goes on after its last watcher left, for a reconnect to find it. Default 10 s. */
  lingerMs?: number;
  /** Distinct tasks watched at once. */
  maxLoops?: number;
}

/**
 * N viewers of a task, one upstream polling loop (`watch-loop.ts`): it runs while anyone watches,
 * and a few seconds after, for reconnects; its changes fan out to every watcher, and a viewer who
 * reconnects with Last-Event-ID gets only what it missed.
 */
export function createWatchHub(options: WatchHubOptions): WatchHub {
  const { source, clock, heartbeatMs = 15_000, maxWatchMs = 3_600_000, lingerMs = 10_000, maxLoops = 1000 } = options;
  const entries = new Map<string, WatchEntry>();
  let closedWith: WatchEnd | undefined;
  const beat = heartbeat(clock, heartbeatMs, () => {
    for (const entry of entries.values()) for (const watcher of entry.watchers) watcher.ping();
  });
  const loops = watchLoops({ ...options, maxWatchMs });
  const ended = (entry: WatchEntry, watchers: number) => {
    if (entry.linger !== undefined) clock.clearTimeout(entry.linger);
    if (entries.get(entry.taskId) === entry) entries.delete(entry.taskId);
    beat.left(watchers);
  };

  const leave = (entry: WatchEntry, watcher: Watcher) => {
    if (!entry.watchers.delete(watcher)) return;
    beat.left();
    if (entry.watchers.size > 0 || entry.done) return;
    // The last viewer left: a reload or an EventSource reconnect comes back within seconds, and
    // finds the loop still there rather than costing a new one.
    entry.linger = clock.setTimeout(() => loops.finish(entry), lingerMs);
  };

  return {
    subscribe(taskId, watcher, { lastEventId, current } = {}) {
      if (closedWith) {
        watcher.end(closedWith);
        return () => {};
      }
      let entry = entries.get(taskId);
      if (!entry) {
        entry = loops.open(taskId, current, ended);
        if (!entry.done) entries.set(taskId, entry);
      }
      for (const event of replayFor(entry, lastEventId)) watcher.send(event);
      if (entry.done) {
        watcher.end();
        return () => {};
      }
      if (entry.linger !== undefined) {
        clock.clearTimeout(entry.linger);
        entry.linger = undefined;
      }
      entry.watchers.add(watcher);
      beat.joined();
      const joined = entry;
      return () => leave(joined, watcher);
    },
    latest: (taskId) => entries.get(taskId)?.history.at(-1)?.task,
    hasRoomFor: (taskId) => entries.has(taskId) || entries.size < maxLoops,
    async hint(taskId) {
      const task = await source.get(taskId, { fresh: true });
      const entry = entries.get(taskId);
      if (entry) loops.publish(entry, task);
    },
    get loops() {
      return entries.size;
    },
    get watchers() {
      return beat.watchers;
    },
    close(how = { failure: { detail: 'The proxy is shutting down' } }) {
      closedWith = how;
      for (const entry of [...entries.values()]) loops.finish(entry, how);
      beat.stop();
    },
  };
}
