import { isTerminal, VidgoError, type Task, type VidgoClient } from '@vidgo-sdk/core';
import type { Clock } from '@vidgo-sdk/core/internal';
import type { Log } from '../logger.ts';
import { errorAnswer } from '../upstream/error-answer.ts';
import { publicTask } from '../upstream/public-task.ts';
import type { StatusSource } from '../upstream/status-source.ts';
import type { TaskCache } from '../upstream/task-cache.ts';
import { replayFor, type WatchEntry } from './watch-entry.ts';
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
  close(): void;
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

let epochs = 0;

/**
 * N viewers of a task, one upstream polling loop: the core's engine (`watchTask`) runs once per
 * task while anyone watches (and a few seconds after, for reconnects), its changes fan out to
 * every watcher, and a viewer who reconnects with Last-Event-ID gets only what it missed.
 */
export function createWatchHub(options: WatchHubOptions): WatchHub {
  const { client, source, cache, log, clock, heartbeatMs = 15_000, maxWatchMs = 3_600_000, lingerMs = 10_000, maxLoops = 1000 } = options;
  const entries = new Map<string, WatchEntry>();
  let heartbeat: unknown;
  let watcherCount = 0;

  const beat = () => {
    heartbeat = undefined;
    for (const entry of entries.values()) for (const watcher of entry.watchers) watcher.ping();
    if (watcherCount > 0) heartbeat = clock.setTimeout(beat, heartbeatMs);
  };
  const stopHeartbeatWhenIdle = () => {
    if (watcherCount === 0 && heartbeat !== undefined) {
      clock.clearTimeout(heartbeat);
      heartbeat = undefined;
    }
  };

  /** The loop is over: its watchers are told how, and it is forgotten. */
  const finish = (entry: WatchEntry, how?: WatchEnd) => {
    if (entry.done) return;
    entry.done = true;
    entry.controller.abort();
    if (entry.linger !== undefined) clock.clearTimeout(entry.linger);
    if (entries.get(entry.taskId) === entry) entries.delete(entry.taskId);
    for (const watcher of entry.watchers) watcher.end(how);
    watcherCount -= entry.watchers.size;
    entry.watchers.clear();
    stopHeartbeatWhenIdle();
  };

  const publish = (entry: WatchEntry, task: Task) => {
    const last = entry.history.at(-1)?.task;
    if (entry.done || (last && last.status === task.status && last.progress === task.progress)) return;
    const event = { id: `${entry.epoch}.${++entry.sequence}`, task };
    entry.history.push(event);
    if (entry.history.length > 32) entry.history.shift();
    if (isTerminal(task)) {
      void cache.put(task);
      finish(entry, { last: event });
    } else {
      for (const watcher of entry.watchers) watcher.send(event);
    }
  };

  const run = async (entry: WatchEntry) => {
    try {
      const watching = client.watchTask(entry.taskId, { signal: entry.controller.signal, timeoutMs: maxWatchMs });
      for await (const task of watching) publish(entry, publicTask(task, entry.taskId));
    } catch (error) {
      if (entry.done || entry.controller.signal.aborted) return;
      const { detail } = errorAnswer(error, log);
      finish(entry, { failure: { detail: VidgoError.is(error) && error.code === 'wait_timeout' ? 'Still running; reconnect to keep watching' : detail } });
    }
  };

  const open = (taskId: string, current: Task | undefined): WatchEntry => {
    const entry: WatchEntry = { taskId, epoch: `e${(++epochs).toString(36)}`, sequence: 0, history: [], watchers: new Set(), controller: new AbortController(), done: false };
    entries.set(taskId, entry);
    if (current) publish(entry, current);
    if (!entry.done) void run(entry);
    return entry;
  };

  const leave = (entry: WatchEntry, watcher: Watcher) => {
    if (!entry.watchers.delete(watcher)) return;
    watcherCount--;
    stopHeartbeatWhenIdle();
    if (entry.watchers.size > 0 || entry.done) return;
    // The last viewer left: a reload or an EventSource reconnect comes back within seconds, and
    // finds the loop still there rather than costing a new one.
    entry.linger = clock.setTimeout(() => finish(entry), lingerMs);
  };

  return {
    subscribe(taskId, watcher, { lastEventId, current } = {}) {
      const entry = entries.get(taskId) ?? open(taskId, current);
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
      watcherCount++;
      heartbeat ??= clock.setTimeout(beat, heartbeatMs);
      return () => leave(entry, watcher);
    },
    latest: (taskId) => entries.get(taskId)?.history.at(-1)?.task,
    hasRoomFor: (taskId) => entries.has(taskId) || entries.size < maxLoops,
    async hint(taskId) {
      const task = await source.get(taskId, { fresh: true });
      const entry = entries.get(taskId);
      if (entry) publish(entry, task);
    },
    get loops() {
      return entries.size;
    },
    get watchers() {
      return watcherCount;
    },
    close() {
      for (const entry of [...entries.values()]) finish(entry, { failure: { detail: 'The proxy is shutting down' } });
      if (heartbeat !== undefined) clock.clearTimeout(heartbeat);
      heartbeat = undefined;
    },
  };
}
