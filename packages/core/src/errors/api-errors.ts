import { VidgoError, type VidgoErrorOptions } from './vidgo-error.ts';

export interface APIErrorDetails extends VidgoErrorOptions {
  status: number;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
  /** The body as received (truncated), with the API key scrubbed. */
  rawBody: string;
  /** The response headers, lower-cased, with the API key scrubbed. */
  headers: Record<string, string>;
  retryAfterMs?: number;
}

/** The API answered with an HTTP error status. */
export class VidgoAPIError extends VidgoError {
  override readonly name: string = 'VidgoAPIError';
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly rawBody: string;
  declare readonly headers: Record<string, string>;
  /** How long the server asked to wait (`Retry-After`), when it said. */
  declare readonly retryAfterMs?: number;
}

/** 400 or 422: the request itself is wrong; retrying it cannot help. */
export class BadRequestError extends VidgoAPIError {
  override readonly name = 'BadRequestError';
}

/** 401: the API key is missing or wrong. */
export class AuthenticationError extends VidgoAPIError {
  override readonly name = 'AuthenticationError';
}

/** 402, or a 400 that says the account is out of credits. */
export class InsufficientCreditsError extends VidgoAPIError {
  override readonly name = 'InsufficientCreditsError';
}

/** 403: the task belongs to another account. */
export class PermissionDeniedError extends VidgoAPIError {
  override readonly name = 'PermissionDeniedError';
}

/** 404: no such task. */
export class NotFoundError extends VidgoAPIError {
  override readonly name = 'NotFoundError';
}

/** 429, after the retries allowed, or with a `Retry-After` longer than `maxRetryAfterMs`. */
export class RateLimitError extends VidgoAPIError {
  override readonly name = 'RateLimitError';
}

/** 500 and above, after the retries allowed. */
export class InternalServerError extends VidgoAPIError {
  override readonly name = 'InternalServerError';
}

const byStatus: Record<number, typeof VidgoAPIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientCreditsError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: BadRequestError,
  429: RateLimitError,
};

/** The class for an HTTP error status; `aboutCredits` tells a 400 about credits from other 400s. */
export function apiErrorClass(status: number, aboutCredits: boolean): typeof VidgoAPIError {
  if (status === 400 && aboutCredits) return InsufficientCreditsError;
  return byStatus[status] ?? (status >= 500 ? InternalServerError : VidgoAPIError);
}
