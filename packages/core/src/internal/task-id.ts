import { InvalidTaskIdError } from '../errors/input-errors.ts';

/**
 * Checks an opaque task id and returns it percent-encoded as one path segment, so that no id
 * can point a request anywhere but `/api/generate/status/`. Rejected: blank, `.` and `..`
 * (path traversal), over 512 characters, C0/C1 control characters (header and log injection),
 * and lone surrogates (which `encodeURIComponent` cannot encode). `operation` names the caller in
 * the error's message (a proxy validating ids before going upstream passes its route's name).
 */
export function encodeTaskId(taskId: unknown, operation: string): string {
  try {
    if (typeof taskId === 'string' && taskId.length <= 512 && !/^\s*$|^\.\.?$|[\0-\x1f\x7f-\x9f]/.test(taskId)) {
      return encodeURIComponent(taskId);
    }
  } catch {}
  throw new InvalidTaskIdError(`${operation}: invalid task id`, { operation });
}
