import type { Task } from '@vidgo-sdk/core';

/** Vidgo answered for another task than the one asked for: never served, never cached. */
export class ForeignTaskError extends Error {
  override readonly name = 'ForeignTaskError';
}

/**
 * What a viewer is shown of a task: the documented fields and nothing else, whatever upstream
 * echoed (`callback_url`, `input`, anything added later), and only the id that was asked for.
 */
export function publicTask(task: Task, askedFor: string): Task {
  if (task.task_id !== askedFor)
    throw new ForeignTaskError('Vidgo answered with another task_id than the one asked for');
  const shown: Task = {
    task_id: task.task_id,
    status: task.status,
    files: task.files.map(
      (file) => ({ file_url: String(file.file_url), file_type: String(file.file_type) }) as Task['files'][number],
    ),
  };
  if (typeof task.created_time === 'string') shown.created_time = task.created_time;
  if (typeof task.progress === 'number') shown.progress = task.progress;
  if (task.error_message !== undefined)
    shown.error_message = task.error_message === null ? null : String(task.error_message);
  return shown;
}
