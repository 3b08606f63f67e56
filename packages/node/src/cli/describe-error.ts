import { VidgoError, type Task } from '@vidgo-sdk/core';
import { formatElapsed } from './duration.ts';
import { terminalText } from './terminal-text.ts';
import { UsageError } from './usage-error.ts';

type Fields = {
  taskId?: string;
  status?: number;
  cause?: unknown;
  errorMessage?: string | null;
  lastTask?: Task;
  elapsedMs?: number;
};

/**
 * What a fetch failure hides in its causes (`TypeError: fetch failed` says nothing): a code, or the deepest
 * message.
 */
function rootCause(error: unknown): string | undefined {
  let current = error;
  let code: string | undefined;
  let message: string | undefined;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const own = (current as { code?: unknown }).code;
    if (typeof own === 'string') code = own;
    message = current.message;
    current = current.cause;
  }
  return code ?? message;
}

function vidgoMessage(error: VidgoError & Fields): string {
  const { taskId } = error;
  switch (error.code) {
    case 'authentication':
      return 'the API key was refused (401): check VIDGO_API_KEY';
    case 'permission_denied':
      return taskId ? `task "${taskId}" belongs to another account (403)` : `permission denied (403): ${error.message}`;
    case 'not_found':
      return taskId ? `no task "${taskId}" (404)` : `${error.message} (is the base URL right?)`;
    case 'task_failed':
      return `task ${taskId} failed: ${error.errorMessage || 'no reason given'}`;
    case 'wait_timeout': {
      const last = error.lastTask;
      const seen = last
        ? `it was ${last.status}${last.progress === undefined ? '' : ` at ${last.progress}%`}`
        : 'it was never seen';
      const elapsed = formatElapsed(error.elapsedMs ?? 0);
      return `timed out after ${elapsed}: ${seen} and may still finish (vidgo wait ${taskId})`;
    }
    case 'connection': {
      const cause = rootCause(error.cause);
      return cause ? `${error.message.replace(/ \(.*\)$/, '')} (${cause})` : error.message;
    }
    default:
      return error.message;
  }
}

/**
 * One line for stderr, after `vidgo: `. Never a stack, never the key: it is scrubbed here too,
 * whatever path the error took. Messages quote server text (error messages, statuses, URLs, ids),
 * so the line is made safe for a terminal here, whichever error it came from.
 */
export function describeError(error: unknown, apiKey?: string): string {
  let message: string;
  if (error instanceof UsageError) {
    message = `${error.message} (see: vidgo ${error.command ? `${error.command} ` : ''}--help)`;
  } else if (VidgoError.is(error)) {
    message = vidgoMessage(error as VidgoError & Fields);
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  // Core already scrubs what its errors keep; this catches any other path. A key too short to be
  // real (a test's `k`) would garble every word that contains it.
  if (apiKey && apiKey.length >= 6) message = message.replaceAll(apiKey, '[redacted]');
  return terminalText(message);
}
