import { VidgoError } from '@vidgo-sdk/core';
import type { Log } from '../logger.ts';
import { ForeignTaskError } from './public-task.ts';

export const MAX_RETRY_AFTER_SECONDS = 60;

export interface ErrorAnswer {
  status: 400 | 403 | 404 | 429 | 500 | 502 | 504;
  detail: string;
  retryAfterSeconds?: number;
}

/**
 * What a browser is told when asking Vidgo failed. The proxy's own problems (its key refused,
 * Vidgo down) are 5xx that blame the proxy, never a 401 that would blame the browser; the
 * details stay in the log, which never holds the key.
 */
export function errorAnswer(error: unknown, log: Log): ErrorAnswer {
  if (error instanceof ForeignTaskError) {
    log('error', `Vidgo answered a status request with another task's id: not served, not cached`);
    return { status: 502, detail: 'Vidgo answered with another task' };
  }
  if (!VidgoError.is(error)) {
    log('error', `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return { status: 500, detail: 'Internal proxy error' };
  }
  // By code, not class: errors from another copy of core count the same.
  switch (error.code) {
    case 'invalid_task_id':
      return { status: 400, detail: 'Invalid task id' };
    case 'not_found':
      return { status: 404, detail: 'Task not found' };
    case 'permission_denied':
      return { status: 403, detail: 'The task belongs to another account' };
    case 'bad_request':
      return { status: 400, detail: 'Vidgo refused the request' };
    case 'authentication':
      log('error', "Vidgo refused the proxy's API key (401): check VIDGO_API_KEY");
      return {
        status: 502,
        detail: "The proxy's Vidgo API key was refused: a problem of the proxy, not of your request",
      };
    case 'rate_limit': {
      const { retryAfterMs } = error as { retryAfterMs?: number };
      // Relayed to browsers, whose retry should not be parked for hours by one upstream header.
      const seconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((retryAfterMs ?? 5000) / 1000)));
      return { status: 429, detail: 'Vidgo is rate limiting the proxy', retryAfterSeconds: seconds };
    }
    case 'request_timeout':
      log('warn', `Vidgo did not answer in time: ${error.message}`);
      return { status: 504, detail: 'Vidgo did not answer in time' };
    default:
      log('warn', `Vidgo request failed: ${error.message}`);
      return { status: 502, detail: 'Vidgo could not be reached or answered with an error' };
  }
}

/** The answer itself: `{detail}` with its status, and Retry-After when there is one. */
export function errorResponse(error: unknown, log: Log, headers: Record<string, string> = {}): Response {
  const answer = errorAnswer(error, log);
  const retryAfter: Record<string, string> =
    answer.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(answer.retryAfterSeconds) };
  return Response.json({ detail: answer.detail }, { status: answer.status, headers: { ...headers, ...retryAfter } });
}
