/**
 * The task ids the edge proxy serves and a token may name: Vidgo's own ids
 * (`task-unified-1757165031-uyujaw3d`) fit, and nothing that needs escaping in a path, a log or a
 * cache key does. The core client stays tolerant of other ids; the proxy, facing the network, is not.
 */
export const TASK_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** True when `taskId` is a string the proxy serves and a token may name (`TASK_ID_PATTERN`). */
export const isServableTaskId = (taskId: unknown): taskId is string =>
  typeof taskId === 'string' && TASK_ID_PATTERN.test(taskId);
