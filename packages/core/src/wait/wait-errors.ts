import { ownFields, VidgoError, type VidgoErrorOptions } from '../errors/vidgo-error.ts';
import type { Task } from '../types.ts';
import type { WaitState } from './wait-state.ts';

/** The task ended as `failed`. The task and its `error_message` are on the error. */
export class TaskFailedError extends VidgoError {
  override readonly name = 'TaskFailedError';
  override readonly code = 'task_failed';
  declare readonly task: Task;
  declare readonly errorMessage: string | null | undefined;

  constructor(message: string, options: VidgoErrorOptions & { task: Task; errorMessage?: string | null | undefined }) {
    super(message, options);
    ownFields(this, options, ['task', 'errorMessage']);
  }
}

/**
 * The wait reached its deadline. The task may still finish: `lastTask` is what was seen last, and
 * `state` resumes the wait (`client.resumeWait(error.state, { timeoutMs })`).
 */
export class WaitTimeoutError extends VidgoError {
  override readonly name = 'WaitTimeoutError';
  override readonly code = 'wait_timeout';
  declare readonly lastTask: Task | undefined;
  declare readonly elapsedMs: number;
  declare readonly state: WaitState;

  constructor(
    message: string,
    options: VidgoErrorOptions & { lastTask: Task | undefined; elapsedMs: number; state: WaitState },
  ) {
    super(message, options);
    ownFields(this, options, ['lastTask', 'elapsedMs', 'state']);
  }
}
