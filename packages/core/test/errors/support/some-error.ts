import {
  TaskFailedError,
  VidgoAPIError,
  WaitTimeoutError,
  WatchFailedError,
  InvalidResponseError,
  type Task,
  type VidgoError,
} from '../../../src/index.ts';

const task: Task = { task_id: 'task-1', status: 'failed', files: [], error_message: 'nope' };

/** An instance of any error class, with the options its constructor requires and a call and task id. */
export function someError(ErrorClass: typeof VidgoError, message: string): VidgoError {
  const where = { operation: 'getTask', taskId: 'task-1' };
  const Class = ErrorClass as new (message: string, options: object) => VidgoError;
  if (ErrorClass === VidgoAPIError || ErrorClass.prototype instanceof VidgoAPIError) {
    return new Class(message, { ...where, status: 400, body: undefined, rawBody: '', headers: {} });
  }
  if (ErrorClass === InvalidResponseError) return new Class(message, { ...where, rawBody: 'x' });
  if (ErrorClass === WatchFailedError) return new Class(message, { ...where, detail: 'gone' });
  if (ErrorClass === TaskFailedError) return new Class(message, { ...where, task, errorMessage: 'nope' });
  if (ErrorClass === WaitTimeoutError) {
    return new Class(message, {
      ...where,
      lastTask: task,
      elapsedMs: 1,
      state: { taskId: 'task-1', startedAt: 0, deadline: 1, attempts: 1, failures: 0 },
    });
  }
  return new Class(message, where);
}
