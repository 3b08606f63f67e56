import { VidgoError } from '../errors/vidgo-error.ts';

/** HTTP statuses that may pass: a timeout, throttling, and server errors but 501. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
const TRANSIENT = ['ConnectionError', 'RequestTimeoutError', 'InvalidResponseError'];
type MaybeHttp = { status?: number };

/**
 * Whether waiting longer can get past this error: HTTP statuses that pass (408, 429, 5xx but
 * 501) and failures with no usable answer. Final: other HTTP errors, an invalid task id, a
 * configuration error, anything that is not a VidgoError. By name and status rather than
 * `instanceof`, so errors from another copy of the package are judged the same.
 */
export const isRetryableError = (error: unknown): boolean =>
  VidgoError.is(error) &&
  (typeof (error as MaybeHttp).status === 'number'
    ? RETRYABLE_STATUSES.includes((error as MaybeHttp).status!)
    : TRANSIENT.includes(error.name));
