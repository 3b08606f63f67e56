import type { Task } from '../types.ts';
import type { WaitState } from './wait-state.ts';
import { runWait, type WaitContext, type WaitOptions } from './watch-task.ts';

/** Runs the engine to its end: the finished task, or TaskFailedError, WaitTimeoutError, the abort reason. */
export async function waitUntilDone(context: WaitContext, state: WaitState, options: WaitOptions): Promise<Task> {
  const loop = runWait(context, state, options, true);
  let next: IteratorResult<Task, Task>;
  while (!(next = await loop.next()).done);
  return next.value;
}
