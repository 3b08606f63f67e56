import { ownFields, VidgoError, type VidgoErrorOptions } from '../errors/vidgo-error.ts';
import type { Task } from '../types.ts';
import type { WaitState } from './wait-state.ts';

/** The task ended as `failed`. The task and its `error_message` are on the error. */
export class TaskFailedError extends VidgoError {
  override readonly name = 'TaskFailedError';
  override readonly code = 'task_failed';
  /** The task as last read, with `status: 'failed'`. */
  declare readonly task: Task;
  /** The task's `error_message`: a string, `null`, or missing, as Vidgo sent it. */
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
  /** The task as last read, or undefined when no poll answered before the deadline. */
  declare readonly lastTask: Task | undefined;
  /** How long the wait ran, in ms on the client's clock. */
  declare readonly elapsedMs: number;
  /** Where the wait stands: pass it to `client.resumeWait` to carry on. */
  declare readonly state: WaitState;

  constructor(
    message: string,
    options: VidgoErrorOptions & { lastTask: Task | undefined; elapsedMs: number; state: WaitState },
  ) {
    super(message, options);
    ownFields(this, options, ['lastTask', 'elapsedMs', 'state']);
  }
}
