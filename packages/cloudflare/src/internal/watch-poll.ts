import type { Task } from '@vidgo-sdk/core';
import type { PollOutcome } from '@vidgo-sdk/core/internal';
import type { TaskWatcherOptions } from '../task-watcher-options.ts';
import { failureMessage, watchFailed, type WatchMessage } from '../watch-message.ts';
import { pollStep } from './core-wait.ts';
import { reportFailure } from './report-failure.ts';
import { takeStep, type WatchRecord } from './watch-record.ts';

/** What the TaskWatcher does after one alarm's poll. */
export type WatchPoll =
  /** The watch changed while the request was out: its answer no longer counts. */
  | { type: 'stale' }
  /** Poll again at `record.nextPollAt` (the deadline, once the step says the wait is over). */
  | { type: 'continue'; changed: boolean }
  /** The task is finished or failed: tell the viewers and stop. */
  | { type: 'ended'; changed: boolean }
  /** Past the deadline, or an error that no retry fixes: tell the viewers this and stop. */
  | { type: 'failed'; message: WatchMessage & { type: 'watch-failed' } };

/**
 * One alarm's poll of a watch, judged by the core's engine step. Past the deadline nothing is
 * sent. The record takes the step (state, task, sequence, next poll).
 */
export async function pollWatch(
  record: WatchRecord,
  getTask: (taskId: string) => Promise<Task>,
  options: TaskWatcherOptions,
  current: () => boolean,
): Promise<WatchPoll> {
  if (pollStep(record.wait, { due: true }, Date.now()).action.type === 'timeout')
    return { type: 'failed', message: watchFailed('wait_timeout') };
  let outcome: PollOutcome;
  try {
    outcome = { task: await getTask(record.wait.taskId) };
  } catch (error) {
    outcome = { error, lastTask: record.task };
  }
  if (!current()) return { type: 'stale' };
  const { action, changed } = takeStep(record, outcome, options, Date.now());
  if (action.type === 'finish' || (action.type === 'fail' && action.task)) return { type: 'ended', changed: !!changed };
  if (action.type === 'fail') {
    reportFailure(`watch of ${record.wait.taskId} failed`, action.error);
    return { type: 'failed', message: failureMessage(action.error) };
  }
  return { type: 'continue', changed: !!changed };
}
