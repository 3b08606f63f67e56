import { VidgoError } from '@vidgo-sdk/core';
import { UsageError } from './usage-error.ts';

/** What `vidgo` exits with; `vidgo --help` and the README list them. */
export const ExitCode = {
  /** The task finished (or, for `status` and a plain `submit`, the call succeeded). */
  ok: 0,
  /** The task ended `failed`. */
  taskFailed: 1,
  /** `--timeout` passed before the task was done; it may still finish. */
  timedOut: 2,
  /** A bad command line (unknown option, missing argument, bad duration, invalid task id). */
  usage: 3,
  /** No API key, a refused key (401), another account's task (403), no such task (404). */
  authOrNotFound: 4,
  /** Anything else: network, server errors, rate limits, a failed download. */
  error: 5,
  /** Ctrl-C (SIGINT). */
  interrupted: 130,
  /** SIGTERM. */
  terminated: 143,
} as const;

// By the errors' stable codes rather than `instanceof`: `VidgoError.is` also recognises errors
// from another copy of core, whose classes are not ours.
const EXIT_CODE_BY_ERROR_CODE: Record<string, number> = {
  task_failed: ExitCode.taskFailed,
  wait_timeout: ExitCode.timedOut,
  invalid_task_id: ExitCode.usage,
  configuration: ExitCode.usage,
  authentication: ExitCode.authOrNotFound,
  permission_denied: ExitCode.authOrNotFound,
  not_found: ExitCode.authOrNotFound,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return ExitCode.usage;
  if (!VidgoError.is(error)) return ExitCode.error;
  return EXIT_CODE_BY_ERROR_CODE[error.code] ?? ExitCode.error;
}
