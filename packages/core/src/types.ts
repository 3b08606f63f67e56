/** Where a task is in its life. Unknown values from a newer API pass through as strings. */
export type TaskStatus = 'not_started' | 'running' | 'finished' | 'failed' | (string & {});

/** What kind of file a task produced. Unknown values pass through as strings. */
export type FileType = 'image' | 'video' | (string & {});

/** One file a finished task produced. */
export interface TaskFile {
  /** Where to download it; valid for 24 hours after the task finished. */
  file_url: string;
  /** `image` or `video`, or a newer type passed through as it came. */
  file_type: FileType;
  [field: string]: unknown;
}

/**
 * A generation task as `GET /api/generate/status/{task_id}` reports it, with the wire's own names.
 * Fields the API adds later are kept as they came.
 */
export interface Task {
  /** The task's id, as `submitTask` returned it. */
  task_id: string;
  /** `not_started`, `running`, `finished` or `failed` (`isTerminal` tells the last two). */
  status: TaskStatus;
  /** Empty until the task is finished, and when it failed. URLs stay valid for 24 hours. */
  files: TaskFile[];
  /** As received: ISO 8601 without a timezone, e.g. `2025-11-12T10:30:00`. */
  created_time?: string;
  /** 0–100, when the API reports it. */
  progress?: number;
  /** Why the task failed; `null` or missing otherwise. */
  error_message?: string | null;
  [field: string]: unknown;
}

/** What `POST /api/generate/submit` answers: only `task_id` is guaranteed. */
export interface SubmittedTask {
  /** The new task's id: keep it, since the task costs credits. */
  task_id: string;
  /** Usually `not_started`. */
  status?: TaskStatus;
  /** As received, with no timezone. */
  created_time?: string;
  [field: string]: unknown;
}

/** The body of a submit: the model, its input, and anything else the model takes. */
export interface SubmitTaskRequest {
  /** e.g. `gpt-image-2`, `sora-2`, `veo3.1/text-to-video`. */
  model: string;
  /** The model's input: a `prompt` always, plus the fields the model takes (images, duration…). */
  input: {
    /** What to generate, in words. */
    prompt: string;
    [field: string]: unknown;
  };
  /** Vidgo POSTs the final task here; treat it as a hint and re-check with `getTask`. */
  callback_url?: string;
  [field: string]: unknown;
}
