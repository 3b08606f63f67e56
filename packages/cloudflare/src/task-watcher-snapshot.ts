import type { Task, WaitState } from '@vidgo-sdk/core';
import type { WatchRecord } from './internal/watch-record.ts';
import type { WatchMessage } from './watch-message.ts';

/** What `GET /state` answers. */
export interface TaskWatcherSnapshot {
  /** The task watched, or last watched by this instance; null when idle. */
  taskId: string | null;
  /** The last task seen; null before the first poll. */
  task: Task | null;
  /** The core's wait state, as persisted; null when nobody is watching. */
  state: WaitState | null;
  /** The viewers connected now, by kind. */
  subscribers: {
    /** Viewers over WebSocket. */
    webSockets: number;
    /** Viewers over Server-Sent Events. */
    eventStreams: number;
  };
  /** When the next poll is due (epoch ms), or when a watch nobody watches ends; null when none. */
  alarm: number | null;
}

export function snapshotOf(
  record: WatchRecord | null,
  final: (WatchMessage & { type: 'task' }) | undefined,
  subscribers: TaskWatcherSnapshot['subscribers'],
  alarm: number | null,
): TaskWatcherSnapshot {
  return {
    taskId: record?.wait.taskId ?? final?.task.task_id ?? null,
    task: record?.task ?? final?.task ?? null,
    state: record?.wait ?? null,
    subscribers,
    alarm,
  };
}
