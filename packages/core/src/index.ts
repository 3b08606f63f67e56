export { createVidgoClient } from './client.ts';
export type { SubmitAndWaitOptions, VidgoClient } from './client.ts';
export type { RequestOptions, RetryEvent, VidgoClientOptions, VidgoStatusClient } from './status-client.ts';
export * from './shared-exports.ts';
export { adaptiveStrategy, type PollStrategy } from './wait/adaptive-strategy.ts';
export { expectedDuration } from './wait/expected-duration.ts';
export { TaskFailedError, WaitTimeoutError } from './wait/wait-errors.ts';
export type { WaitState } from './wait/wait-state.ts';
export type { WaitOptions } from './wait/watch-task.ts';
