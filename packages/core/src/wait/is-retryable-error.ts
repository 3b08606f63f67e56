import { VidgoError } from '../errors/vidgo-error.ts';

/** HTTP statuses that may pass: a timeout, throttling, and server errors but 501. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
const TRANSIENT = ['ConnectionError', 'RequestTimeoutError', 'InvalidResponseError'];

/**
 * Whether waiting longer can get past this error: HTTP statuses that pass (408, 429, 5xx but
 * 501) and failures with no usable answer. Final: other HTTP errors, an invalid task id, a
 * configuration error, anything that is not a VidgoError. By name and status rather than
 * `instanceof`, so errors from another copy of the package are judged the same.
 */
export function isRetryableError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return VidgoError.is(error) && (typeof status === 'number' ? RETRYABLE_STATUSES.includes(status) : TRANSIENT.includes(error.name));
}
