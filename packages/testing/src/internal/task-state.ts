import type { WireTask } from '../simulator-types.ts';
import type { TaskRecord } from './task-record.ts';

/** The task as the status endpoint shows it at `now`, fields in the documented order. */
export function wireTask(record: TaskRecord, now: number): WireTask {
  const elapsed = now - record.createdAt;
  const running = elapsed - record.queuedMs;
  let status: string;
  let progress: number;
  if (running < 0) {
    status = 'not_started';
    progress = 0;
  } else if (running < record.durationMs) {
    status = 'running';
    progress = runningProgress(record, running / record.durationMs);
  } else {
    status = record.outcome;
    // The docs' failed example shows 0, whatever the task had reached.
    progress = record.outcome === 'finished' ? 100 : 0;
  }
  const finished = status === 'finished';
  const task: WireTask = {
    task_id: record.id,
    status,
    files: finished ? record.files.map((file) => ({ ...file })) : [],
    created_time: createdTime(record.createdAt),
    progress,
    error_message: status === 'failed' ? record.errorMessage : null,
  };
  return Object.assign(task, record.extra);
}

/** Like the API: UTC, seconds precision, and no timezone designator. */
export function createdTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

function runningProgress(record: TaskRecord, fraction: number): number {
  switch (record.progress) {
    case 'none':
      return 0;
    case 'stepwise':
      return fraction < 0.4 ? 0 : 45;
    case 'linear': {
      const segments = record.curve.length;
      const index = Math.min(Math.floor(fraction * segments), segments - 1);
      const start = index === 0 ? 0 : (record.curve[index - 1] ?? 0);
      const end = record.curve[index] ?? 1;
      const within = fraction * segments - index;
      // Capped below 100: only a finished task shows 100.
      return Math.min(99, Math.floor(100 * (start + (end - start) * within)));
    }
  }
}
