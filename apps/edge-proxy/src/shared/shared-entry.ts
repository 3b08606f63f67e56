import { isTerminal, type Task } from '@vidgo-sdk/core';
import type { WatchEvent, Watcher } from '../watch/watcher.ts';
import type { LeaseKeeper } from './lease-keeper.ts';
import { isAfter, isStreamId } from './task-stream.ts';

/** One viewer on this replica, and what it has been sent. */
export interface SharedWatcher {
  watcher: Watcher;
  /** The last state sent: a state it has seen is never sent again, whichever replica or loop it comes from. */
  last?: Task;
  /** The id of the last event sent (a stream id, or a local one while Redis was away). */
  cursor?: string;
  /** Until its replay is sent, live events wait in `queue`, so the order holds. */
  ready: boolean;
  queue: WatchEvent[];
  lastEventId?: string;
}

/** A task watched on this replica: its watchers, the stream as read so far, and who polls. */
export interface SharedEntry {
  taskId: string;
  watchers: Map<Watcher, SharedWatcher>;
  /** The task's events as read from its stream (or made here while Redis was away), oldest first. */
  history: WatchEvent[];
  /** The stream has been read once: replays can be served from `history`. */
  synced: boolean;
  done: boolean;
  lease?: LeaseKeeper;
  /** The upstream loop this replica runs: as the lease holder, or on its own while Redis is away. */
  poll?: AbortController;
  /** The task as the route read it before the first watcher joined. */
  current?: Task;
  linger?: unknown;
}

const MAX_HISTORY = 100;

export function remember(entry: SharedEntry, event: WatchEvent): void {
  entry.history.push(event);
  if (entry.history.length > MAX_HISTORY) entry.history.shift();
}

/**
 * Sends one event to one viewer unless it adds nothing for that viewer: an id at or before the
 * one it last got (stream ids only), or the status it last saw without progress moved forward.
 * Returns true when this ended the viewer's stream (a terminal state).
 */
export function sendTo(viewer: SharedWatcher, event: WatchEvent): boolean {
  if (!viewer.ready) {
    viewer.queue.push(event);
    return false;
  }
  const { cursor, last } = viewer;
  if (cursor && isStreamId(cursor) && isStreamId(event.id) && !isAfter(event.id, cursor)) return false;
  if (last && (isTerminal(last) || (last.status === event.task.status && !movedOn(last, event.task)))) return false;
  viewer.last = event.task;
  viewer.cursor = event.id;
  if (!isTerminal(event.task)) {
    viewer.watcher.send(event);
    return false;
  }
  viewer.watcher.end({ last: event });
  return true;
}

// Two loops (a holder's and this replica's own, around a Redis outage) may read the same task at
// different moments: within one status, progress is only ever shown going forward.
const movedOn = (last: Task, next: Task) => (next.progress ?? 0) > (last.progress ?? 0);

/**
 * What a viewer is sent when it joins (or when its replica rejoins Redis): what came after the
 * event it names, when the history still holds that event; otherwise where things stand.
 */
export function replayFor(history: readonly WatchEvent[], afterId: string | undefined): WatchEvent[] {
  const index = afterId === undefined ? -1 : history.findIndex((event) => event.id === afterId);
  if (index >= 0) return history.slice(index + 1);
  return history.slice(-1);
}
