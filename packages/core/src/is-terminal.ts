import type { Task } from './types.ts';

/** `finished` and `failed` never change again; any other status, known or not, may. */
export function isTerminal(task: Pick<Task, 'status'>): boolean {
  return task.status === 'finished' || task.status === 'failed';
}
