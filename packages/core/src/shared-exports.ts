// What both entry points export besides their client factory: the public API of `./lite`.
export type { RequestOptions, RetryEvent, VidgoClientOptions } from './client-options.ts';
export type { Clock } from './clock.ts';
export type { VidgoLiteClient } from './lite-client.ts';
export { isTerminal } from './is-terminal.ts';
export type { FileType, SubmitTaskRequest, SubmittedTask, Task, TaskFile, TaskStatus } from './types.ts';
export { VidgoError, type VidgoErrorOptions } from './errors/vidgo-error.ts';
export {
  AuthenticationError,
  BadRequestError,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  VidgoAPIError,
  type APIErrorCode,
  type APIErrorDetails,
} from './errors/api-errors.ts';
export { ConnectionError, RequestTimeoutError } from './errors/transport-errors.ts';
export { ConfigurationError, InvalidResponseError, InvalidTaskIdError } from './errors/input-errors.ts';
