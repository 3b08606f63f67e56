import type { Task } from '../types.ts';
import { TaskFailedError } from './wait-errors.ts';
import { watchLoop, type WaitContext, type WaitOptions } from './watch-task.ts';
import type { WaitState } from './wait-state.ts';

/** Runs the engine to its end: the finished task, or TaskFailedError, WaitTimeoutError, the abort reason. */
export async function waitUntilDone(context: WaitContext, state: WaitState, options: WaitOptions): Promise<Task> {
  let task: Task | undefined;
  for await (task of watchLoop(context, state, options)) options.onProgress?.(task);
  // The engine always ends on a terminal task, or throws.
  if (task!.status === 'failed') {
    throw new TaskFailedError(`waitForTask("${task!.task_id}"): the task failed: ${task!.error_message ?? 'no reason given'}`, {
      operation: 'waitForTask',
      taskId: task!.task_id,
      task: task!,
      errorMessage: task!.error_message,
    });
  }
  return task!;
}
