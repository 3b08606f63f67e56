import { failureMessage } from '../watch-message.ts';
import { answer } from './json-answer.ts';

/**
 * What a viewer gets instead of a stream when the first read fails: a plain HTTP status, which
 * EventSource takes as final (it reconnects only after a 200 stream breaks).
 */
export interface FailureAnswer {
  status: number;
  detail: string;
  /** 429: how long to stay away (`Retry-After`). */
  retryAfterMs?: number;
}

// Anything else (5xx, connection, invalid response, upstream 401) is upstream's failure: 502.
const STATUSES: Record<string, number> = {
  not_found: 404,
  permission_denied: 403,
  rate_limit: 429,
  request_timeout: 504,
  configuration: 500,
  internal: 500,
};
// Vidgo documents no Retry-After: 5 s when it sends none, as the SSE reconnection delay. Capped,
// so that an upstream asking for hours does not turn viewers away for hours.
const DEFAULT_RETRY_AFTER_MS = 5000;
const MAX_RETRY_AFTER_MS = 60_000;

export function failureAnswer(error: unknown): FailureAnswer {
  const { code, detail } = failureMessage(error);
  const status = STATUSES[code] ?? 502;
  if (status !== 429) return { status, detail };
  const { retryAfterMs = DEFAULT_RETRY_AFTER_MS } = error as { retryAfterMs?: number };
  return { status, detail, retryAfterMs: Math.min(Math.max(retryAfterMs, 1000), MAX_RETRY_AFTER_MS) };
}

/** The response: `{ detail }`, and `Retry-After` in whole seconds for a 429. */
export function failureResponse({ status, detail, retryAfterMs }: FailureAnswer): Response {
  return answer(
    status,
    { detail },
    retryAfterMs === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  );
}
