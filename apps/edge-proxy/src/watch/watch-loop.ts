import { isTerminal, VidgoError, type Task, type VidgoClient } from '@vidgo-sdk/core';
import type { Log } from '../logger.ts';
import { errorAnswer } from '../upstream/error-answer.ts';
import { publicTask } from '../upstream/public-task.ts';
import type { TaskCache } from '../upstream/task-cache.ts';
import type { WatchEntry } from './watch-entry.ts';
import type { WatchEnd } from './watcher.ts';

let epochs = 0;

export interface WatchLoops {
  /** A new loop for the task, started from `current` when the route has just read it. */
  open(taskId: string, current: Task | undefined, onEnd: (entry: WatchEntry, watchers: number) => void): WatchEntry;
  /** Tells the loop's watchers of a change (a poll's, or a callback's re-read). */
  publish(entry: WatchEntry, task: Task): void;
  /** Ends the loop: its watchers are told how, and it stops polling. */
  finish(entry: WatchEntry, how?: WatchEnd): void;
}

/**
 * One polling loop per watched task, on the core's engine (`watchTask`): each change becomes an
 * event with an id (`<epoch>.<sequence>`), kept for viewers who reconnect; the terminal one is
 * cached and ends the loop; a failure ends it with its reason.
 */
export function watchLoops({
  client,
  cache,
  log,
  maxWatchMs,
}: {
  client: Pick<VidgoClient, 'watchTask'>;
  cache: TaskCache;
  log: Log;
  maxWatchMs: number;
}): WatchLoops {
  const ends = new WeakMap<WatchEntry, (entry: WatchEntry, watchers: number) => void>();

  const finish = (entry: WatchEntry, how?: WatchEnd) => {
    if (entry.done) return;
    entry.done = true;
    entry.controller.abort();
    const watchers = entry.watchers.size;
    for (const watcher of entry.watchers) watcher.end(how);
    entry.watchers.clear();
    ends.get(entry)?.(entry, watchers);
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
      const timedOut = VidgoError.is(error) && error.code === 'wait_timeout';
      // `wait_timeout`, as the Workers' TaskWatcher says it: a client reconnects and watches on.
      finish(entry, {
        failure: timedOut ? { code: 'wait_timeout', detail: 'Still running; reconnect to keep watching' } : { detail },
      });
    }
  };

  return {
    open(taskId, current, onEnd) {
      const entry: WatchEntry = {
        taskId,
        epoch: `e${(++epochs).toString(36)}`,
        sequence: 0,
        history: [],
        watchers: new Set(),
        controller: new AbortController(),
        done: false,
      };
      ends.set(entry, onEnd);
      if (current) publish(entry, current);
      if (!entry.done) void run(entry);
      return entry;
    },
    publish,
    finish,
  };
}
