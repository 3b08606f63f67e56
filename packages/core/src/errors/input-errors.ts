import { VidgoError } from './vidgo-error.ts';

/** A task id that cannot be sent safely; rejected before any request. */
export class InvalidTaskIdError extends VidgoError {
  override readonly name = 'InvalidTaskIdError';
}

/** A client option that cannot work; thrown by `createVidgoClient` or on the first call. */
export class ConfigurationError extends VidgoError {
  override readonly name = 'ConfigurationError';
}

/** A 2xx answer that is not the documented shape. */
export class InvalidResponseError extends VidgoError {
  override readonly name = 'InvalidResponseError';
  /** The body as received, truncated, with the API key scrubbed. */
  declare readonly rawBody: string;
}
