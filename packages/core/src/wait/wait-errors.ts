import { VidgoError } from '../errors/vidgo-error.ts';
import type { Task } from '../types.ts';
import type { WaitState } from './wait-state.ts';

/** The task ended as `failed`. The task and its `error_message` are on the error. */
export class TaskFailedError extends VidgoError {
  override readonly name = 'TaskFailedError';
  declare readonly task: Task;
  declare readonly errorMessage: string | null | undefined;
}

/**
 * The wait reached its deadline. The task may still finish: `lastTask` is what was seen last, and
 * `state` resumes the wait (`client.resumeWait(error.state, { timeoutMs })`).
 */
export class WaitTimeoutError extends VidgoError {
  override readonly name = 'WaitTimeoutError';
  declare readonly lastTask: Task | undefined;
  declare readonly elapsedMs: number;
  declare readonly state: WaitState;
}
