// Judged by name and status, so errors from another copy of the core count the same.
export { isRetryableError as isRetryable } from '@vidgo-sdk/core/internal';
