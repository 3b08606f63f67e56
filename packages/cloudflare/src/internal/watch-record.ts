import { isTerminal, type Task, type WaitState } from '@vidgo-sdk/core';
import type { WatchMessage } from '../watch-message.ts';
import { observe, startWait } from './core-wait.ts';

/** What survives eviction and hibernation: the wait's state, the last task seen, the linger. */
export interface WatchRecord {
  wait: WaitState;
  /** Names this watch in SSE event ids (`<watch>.<sequence>`). */
  watch: string;
  sequence: number;
  /** Set from the first read on; optional for records stored by versions before it. */
  task?: Task;
  /** When the schedule wants the next poll (epoch ms). */
  nextPollAt?: number;
  /** Since when nobody watches: the watch lingers, without polling, until `lingerMs` after it. */
  idleSince?: number;
}

export const RECORD_KEY = 'watch';

/** A watch of `taskId` from its first poll, which saw `task`. */
export function firstRecord(taskId: string, task: Task, options: { model?: string; timeoutMs: number }, now: number): WatchRecord {
  const record: WatchRecord = { wait: startWait(taskId, options, now), watch: crypto.randomUUID().slice(0, 8), sequence: 0 };
  record.wait.attempts = 1;
  observeTask(record, task, now);
  return record;
}

/** Takes a poll's task into the record; true when status or progress changed. */
export function observeTask(record: WatchRecord, task: Task, now: number): boolean {
  const { wait } = record;
  const changed = observe(wait, task, now);
  // An unknown status counts as a failure: the schedule backs off.
  wait.failures = ['not_started', 'running'].includes(task.status) || isTerminal(task) ? 0 : wait.failures + 1;
  record.task = task;
  if (changed) record.sequence++;
  return changed;
}

/** When the alarm is due: the next poll, or while nobody watches, the end of the linger. */
export function alarmTime(record: WatchRecord, lingerMs: number, now: number): number {
  return record.idleSince === undefined ? (record.nextPollAt ?? now) : record.idleSince + lingerMs;
}

export function taskMessage(record: WatchRecord): WatchMessage & { type: 'task' } {
  return { type: 'task', id: `${record.watch}.${record.sequence}`, task: record.task! };
}
