import { ownFields, VidgoError, type VidgoErrorOptions } from './vidgo-error.ts';

/** A task id that cannot be sent safely; rejected before any request. */
export class InvalidTaskIdError extends VidgoError {
  override readonly name = 'InvalidTaskIdError';
  override readonly code = 'invalid_task_id';
}

/** A client or call option that cannot work; thrown by `createVidgoClient`, or by the call it was passed to. */
export class ConfigurationError extends VidgoError {
  override readonly name = 'ConfigurationError';
  override readonly code = 'configuration';
}

/** A 2xx answer that is not the documented shape. */
export class InvalidResponseError extends VidgoError {
  override readonly name = 'InvalidResponseError';
  override readonly code = 'invalid_response';
  /** The body as received, truncated, with the API key scrubbed. */
  declare readonly rawBody: string;

  constructor(message: string, options: VidgoErrorOptions & { rawBody: string }) {
    super(message, options);
    ownFields(this, options, ['rawBody']);
  }
}
