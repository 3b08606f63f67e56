import type { Task, WaitState } from '@vidgo-sdk/core';
import type { PollOutcome, PollStep } from '@vidgo-sdk/core/internal';
import { withDefaults, type TaskWatcherOptions } from '../task-watcher-options.ts';
import type { WatchMessage } from '../watch-message.ts';
import type { DurableObjectStorageSlice } from '../workers-types.ts';
import { pollStep, startWait } from './core-wait.ts';

/** What survives eviction and hibernation: the wait's state, the last task seen, the linger. */
export interface WatchRecord {
  /** The core's wait state, as `pollStep` leaves it (records of earlier versions included). */
  wait: WaitState;
  /** Names this watch in SSE event ids (`<watch>.<sequence>`). */
  watch: string;
  sequence: number;
  /** Set from the first read on; optional for records stored by versions before it. */
  task?: Task;
  /** When the schedule wants the next poll (epoch ms); the deadline once no poll is left. */
  nextPollAt?: number;
  /** Since when nobody watches: the watch lingers, without polling, until `lingerMs` after it. */
  idleSince?: number;
}

export const RECORD_KEY = 'watch';

/** A watch of `taskId` from its first poll, which saw `task`; the step says what comes next. */
export function firstRecord(
  taskId: string,
  task: Task,
  options: TaskWatcherOptions & { model?: string },
  now: number,
): { record: WatchRecord; step: PollStep } {
  const wait = startWait(taskId, { ...options, timeoutMs: withDefaults(options).timeoutMs }, now);
  const record: WatchRecord = { wait, watch: crypto.randomUUID().slice(0, 8), sequence: 0 };
  return { record, step: takeStep(record, { task }, options, now) };
}

/**
 * Runs the core's engine step on a poll's outcome and takes its result into the record: the new
 * state, the task, the sequence of changes, and when the alarm should poll next. When the step
 * says the wait is over, that is the deadline, whose alarm tells the viewers.
 */
export function takeStep(
  record: WatchRecord,
  outcome: PollOutcome,
  options: TaskWatcherOptions,
  now: number,
): PollStep {
  const step = pollStep(record.wait, outcome, now, withDefaults(options));
  record.wait = step.state;
  if ('task' in outcome) record.task = outcome.task;
  if (step.changed) record.sequence++;
  record.nextPollAt = step.action.type === 'sleep' ? now + step.action.ms : step.state.deadline;
  return step;
}

/** When the alarm is due: the next poll, or while nobody watches, the end of the linger. */
export function alarmTime(record: WatchRecord, lingerMs: number, now: number): number {
  return record.idleSince === undefined ? (record.nextPollAt ?? now) : record.idleSince + lingerMs;
}

/**
 * Stores the record and sets its alarm (the next poll, or the linger's end). Both writes are
 * issued together, so that a concurrent leave cannot slip between them.
 */
export async function saveRecord(
  storage: DurableObjectStorageSlice,
  record: WatchRecord,
  lingerMs: number,
  now: number,
): Promise<void> {
  await Promise.all([storage.put(RECORD_KEY, record), storage.setAlarm(alarmTime(record, lingerMs, now))]);
}

/** No alarm, nothing stored: a TaskWatcher nobody watches keeps nothing. */
export async function clearRecord(storage: DurableObjectStorageSlice): Promise<void> {
  await storage.deleteAlarm();
  await storage.deleteAll();
}

export function taskMessage(record: WatchRecord): WatchMessage & { type: 'task' } {
  return { type: 'task', id: `${record.watch}.${record.sequence}`, task: record.task! };
}
