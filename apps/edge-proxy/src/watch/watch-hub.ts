import { isTerminal, type Clock, type Task, type VidgoClient } from '@vidgo-sdk/core';
import type { Log } from '../logger.ts';
import { errorAnswer } from '../upstream/error-answer.ts';
import type { StatusSource } from '../upstream/status-source.ts';
import type { TaskCache } from '../upstream/task-cache.ts';
import type { WatchEnd, WatchEvent, Watcher } from './watcher.ts';

export interface WatchHub {
  /** Delivers each change of the task to `watcher`; returns the function that stops. */
  subscribe(taskId: string, watcher: Watcher, lastEventId?: string): () => void;
  /** A hint (a callback arrived): re-reads the task now and tells its watchers if it changed. */
  hint(taskId: string): Promise<void>;
  /** Tasks being polled: one loop each, whatever the number of watchers. */
  readonly loops: number;
  readonly watchers: number;
  close(): void;
}

interface Entry {
  epoch: string;
  sequence: number;
  history: WatchEvent[];
  watchers: Set<Watcher>;
  controller: AbortController;
  done: boolean;
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
}

const HISTORY = 32;
let epochs = 0;

/**
 * N viewers of a task, one upstream polling loop: the core's engine (`watchTask`) runs once per
 * task while anyone watches, its changes fan out to every watcher, and it stops as soon as the
 * last one leaves. A viewer who reconnects with Last-Event-ID gets only what it missed.
 */
export function createWatchHub({ client, source, cache, log, clock, heartbeatMs = 15_000, maxWatchMs = 3_600_000 }: WatchHubOptions): WatchHub {
  const entries = new Map<string, Entry>();
  let heartbeat: unknown;
  let watcherCount = 0;

  const beat = () => {
    heartbeat = undefined;
    for (const entry of entries.values()) for (const watcher of entry.watchers) watcher.ping();
    if (watcherCount > 0) heartbeat = clock.setTimeout(beat, heartbeatMs);
  };

  const finish = (taskId: string, entry: Entry, how: WatchEnd) => {
    if (entry.done) return;
    entry.done = true;
    entry.controller.abort();
    if (entries.get(taskId) === entry) entries.delete(taskId);
    for (const watcher of entry.watchers) watcher.end(how);
    watcherCount -= entry.watchers.size;
    entry.watchers.clear();
    stopHeartbeatWhenIdle();
  };

  const stopHeartbeatWhenIdle = () => {
    if (watcherCount === 0 && heartbeat !== undefined) {
      clock.clearTimeout(heartbeat);
      heartbeat = undefined;
    }
  };

  const publish = (taskId: string, entry: Entry, task: Task) => {
    const last = entry.history.at(-1)?.task;
    if (entry.done || (last && last.status === task.status && last.progress === task.progress)) return;
    const event = { id: `${entry.epoch}.${++entry.sequence}`, task };
    entry.history.push(event);
    if (entry.history.length > HISTORY) entry.history.shift();
    if (isTerminal(task)) {
      void cache.put(task);
      finish(taskId, entry, { last: event });
    } else {
      for (const watcher of entry.watchers) watcher.send(event);
    }
  };

  const run = async (taskId: string, entry: Entry) => {
    try {
      const cached = await cache.get(taskId);
      if (cached) return publish(taskId, entry, cached);
      for await (const task of client.watchTask(taskId, { signal: entry.controller.signal, timeoutMs: maxWatchMs })) publish(taskId, entry, task);
    } catch (error) {
      if (entry.done || entry.controller.signal.aborted) return;
      const { detail } = errorAnswer(error, log);
      finish(taskId, entry, { failure: { detail: error instanceof Error && error.name === 'WaitTimeoutError' ? 'Still running; reconnect to keep watching' : detail } });
    }
  };

  return {
    subscribe(taskId, watcher, lastEventId) {
      let entry = entries.get(taskId);
      if (!entry) {
        entry = { epoch: `e${(++epochs).toString(36)}`, sequence: 0, history: [], watchers: new Set(), controller: new AbortController(), done: false };
        entries.set(taskId, entry);
        void run(taskId, entry);
      }
      // Same loop as the one the viewer saw: only what it missed. Otherwise: where things stand.
      const [epoch, seen] = lastEventId?.split('.') ?? [];
      const sequence = (event: WatchEvent) => Number(event.id.split('.')[1]);
      const missed = epoch === entry.epoch ? entry.history.filter((event) => sequence(event) > Number(seen)) : entry.history.slice(-1);
      for (const event of missed) watcher.send(event);
      if (entry.done) {
        watcher.end();
        return () => {};
      }
      entry.watchers.add(watcher);
      watcherCount++;
      heartbeat ??= clock.setTimeout(beat, heartbeatMs);
      const current = entry;
      return () => {
        if (!current.watchers.delete(watcher)) return;
        watcherCount--;
        if (current.watchers.size === 0 && !current.done) {
          // The last viewer left: stop polling at once.
          current.done = true;
          current.controller.abort();
          if (entries.get(taskId) === current) entries.delete(taskId);
        }
        stopHeartbeatWhenIdle();
      };
    },
    async hint(taskId) {
      const task = await source.get(taskId, { fresh: true });
      const entry = entries.get(taskId);
      if (entry) publish(taskId, entry, task);
    },
    get loops() {
      return entries.size;
    },
    get watchers() {
      return watcherCount;
    },
    close() {
      for (const [taskId, entry] of [...entries]) finish(taskId, entry, { failure: { detail: 'The proxy is shutting down' } });
      if (heartbeat !== undefined) clock.clearTimeout(heartbeat);
      heartbeat = undefined;
    },
  };
}
