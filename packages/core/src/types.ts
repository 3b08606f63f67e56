/** Where a task is in its life. Unknown values from a newer API pass through as strings. */
export type TaskStatus = 'not_started' | 'running' | 'finished' | 'failed' | (string & {});

/** What kind of file a task produced. Unknown values pass through as strings. */
export type FileType = 'image' | 'video' | (string & {});

export interface TaskFile {
  file_url: string;
  file_type: FileType;
  [field: string]: unknown;
}

/**
 * A generation task as `GET /api/generate/status/{task_id}` reports it, with the wire's own names.
 * Fields the API adds later are kept as they came.
 */
export interface Task {
  task_id: string;
  status: TaskStatus;
  /** Empty until the task is finished, and when it failed. URLs stay valid for 24 hours. */
  files: TaskFile[];
  /** As received: ISO 8601 without a timezone, e.g. `2025-11-12T10:30:00`. */
  created_time?: string;
  /** 0–100, when the API reports it. */
  progress?: number;
  error_message?: string | null;
  [field: string]: unknown;
}

/** What `POST /api/generate/submit` answers: only `task_id` is guaranteed. */
export interface SubmittedTask {
  task_id: string;
  status?: TaskStatus;
  created_time?: string;
  [field: string]: unknown;
}

export interface SubmitTaskRequest {
  /** e.g. `gpt-image-2`, `sora-2`, `veo3.1/text-to-video`. */
  model: string;
  input: { prompt: string; [field: string]: unknown };
  /** Vidgo POSTs the final task here; treat it as a hint and re-check with `getTask`. */
  callback_url?: string;
  [field: string]: unknown;
}
