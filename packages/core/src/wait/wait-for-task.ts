import type { Task } from '../types.ts';
import type { WaitState } from './wait-state.ts';
import { runWait, type WaitContext, type WaitOptions } from './watch-task.ts';

/** Runs the engine to its end: the finished task, or TaskFailedError, WaitTimeoutError, the abort reason. */
export async function waitUntilDone(context: WaitContext, state: WaitState, options: WaitOptions): Promise<Task> {
  const loop = runWait(context, state, options);
  for (;;) {
    const next = await loop.next();
    if (!next.done) continue;
    if (next.value.type === 'fail') throw next.value.error;
    return next.value.task;
  }
}
