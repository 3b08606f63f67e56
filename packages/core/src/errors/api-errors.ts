import { ownFields, VidgoError, type VidgoErrorOptions } from './vidgo-error.ts';

/** The options of the `VidgoAPIError` constructor (and its subclasses'): what the HTTP answer said. */
export interface APIErrorDetails extends VidgoErrorOptions {
  /** The HTTP status of the answer. */
  status: number;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
  /** The body as received (truncated), with the API key scrubbed. */
  rawBody: string;
  /** The response headers, lower-cased, with the API key scrubbed. */
  headers: Record<string, string>;
  /** How long the server asked to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
}

/** The codes of `VidgoAPIError` and its subclasses: the type of `VidgoAPIError#code`, one literal per class. */
export type APIErrorCode =
  | 'vidgo_api'
  | 'bad_request'
  | 'authentication'
  | 'insufficient_credits'
  | 'permission_denied'
  | 'not_found'
  | 'rate_limit'
  | 'internal_server';

/** The API answered with an HTTP error status. */
export class VidgoAPIError extends VidgoError {
  override readonly name: string = 'VidgoAPIError';
  override readonly code: APIErrorCode = 'vidgo_api';
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  declare readonly body: unknown;
  /** The body as received (truncated), with the API key scrubbed. */
  declare readonly rawBody: string;
  /** The response headers, lower-cased, with the API key scrubbed. */
  declare readonly headers: Record<string, string>;
  /** How long the server asked to wait (`Retry-After`), when it said. */
  declare readonly retryAfterMs?: number;

  constructor(message: string, details: APIErrorDetails) {
    super(message, details);
    ownFields(this, details, ['status', 'body', 'rawBody', 'headers', 'retryAfterMs']);
  }
}

/** 400 or 422: the request itself is wrong; retrying it cannot help. */
export class BadRequestError extends VidgoAPIError {
  override readonly name = 'BadRequestError';
  override readonly code = 'bad_request';
}

/** 401: the API key is missing or wrong. */
export class AuthenticationError extends VidgoAPIError {
  override readonly name = 'AuthenticationError';
  override readonly code = 'authentication';
}

/** 402, or a 400 that says the account is out of credits. */
export class InsufficientCreditsError extends VidgoAPIError {
  override readonly name = 'InsufficientCreditsError';
  override readonly code = 'insufficient_credits';
}

/** 403: the task belongs to another account. */
export class PermissionDeniedError extends VidgoAPIError {
  override readonly name = 'PermissionDeniedError';
  override readonly code = 'permission_denied';
}

/** 404: no such task. */
export class NotFoundError extends VidgoAPIError {
  override readonly name = 'NotFoundError';
  override readonly code = 'not_found';
}

/** 429, after the retries allowed, or with a `Retry-After` longer than `maxRetryAfterMs`. */
export class RateLimitError extends VidgoAPIError {
  override readonly name = 'RateLimitError';
  override readonly code = 'rate_limit';
}

/** 500 and above, after the retries allowed. */
export class InternalServerError extends VidgoAPIError {
  override readonly name = 'InternalServerError';
  override readonly code = 'internal_server';
}

/** The class for an HTTP error status; `aboutCredits` tells a 400 about credits from other 400s. */
export function apiErrorClass(status: number, aboutCredits: boolean): typeof VidgoAPIError {
  if (status === 400 && aboutCredits) status = 402;
  if (status === 422) status = 400;
  // Statuses 400 to 404 by their offset from 400: an index is cheaper to ship than a lookup table.
  return (
    [BadRequestError, AuthenticationError, InsufficientCreditsError, PermissionDeniedError, NotFoundError][
      status - 400
    ] ?? (status === 429 ? RateLimitError : status >= 500 ? InternalServerError : VidgoAPIError)
  );
}
