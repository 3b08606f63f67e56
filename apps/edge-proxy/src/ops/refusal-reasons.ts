/**
 * Why the proxy refused a request before serving it: a fixed list, so the metric that counts them
 * keeps a bounded number of series whatever clients send, and every series exists from the start
 * (a counter that appears only on its first refusal hides that first one from `rate()`).
 */
export const REFUSAL_REASONS = [
  /** The pre-auth limit of the connection's address. */
  'pre_auth_rate_limit',
  /** The task id's shape. */
  'invalid_task_id',
  /** No credential where one is needed. */
  'missing_credential',
  /** A credential that is malformed, wrong or expired. */
  'bad_credential',
  /** No credential configured, and the request is not from this machine. */
  'not_local',
  /** A per-task token used for another task (or for what no task token opens). */
  'other_task',
  /** The limit of a verified principal. */
  'rate_limit',
  /** Open event streams, per principal or in total. */
  'stream_cap',
  /** Distinct tasks watched at once. */
  'watched_tasks_cap',
  /** A callback to a path with no known secret. */
  'callback_secret',
  /** The callbacks' own limit. */
  'callback_rate_limit',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Told of each refusal; the metrics count them. */
export type OnRefused = (reason: RefusalReason) => void;
