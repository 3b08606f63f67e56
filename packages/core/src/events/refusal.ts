import { apiErrorClass, type VidgoAPIError } from '../errors/api-errors.ts';
import type { VidgoErrorOptions } from '../errors/vidgo-error.ts';
import { readErrorBody } from '../internal/error-body.ts';
import { parseRetryAfter } from '../internal/retry-after.ts';

/**
 * An HTTP error answer to the events request as the core's typed error, the same class and fields
 * a `getTask` of that status gets (401 `AuthenticationError`, 403 `PermissionDeniedError`, 404
 * `NotFoundError`, 429 `RateLimitError` with `retryAfterMs`…). `scrub` takes the token out of
 * what the error keeps.
 */
export function refusal(
  response: Response,
  text: string,
  label: string,
  where: VidgoErrorOptions,
  scrub: (text: string) => string,
  now: number,
): VidgoAPIError {
  const raw = scrub(text);
  const { body, message } = readErrorBody(raw);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = scrub(value);
  });
  const { status } = response;
  return new (apiErrorClass(status, false))(`${label}: ${status} ${message ?? response.statusText}`, {
    ...where,
    status,
    body,
    rawBody: raw.slice(0, 2000),
    headers,
    retryAfterMs: parseRetryAfter(response.headers, now),
  });
}
