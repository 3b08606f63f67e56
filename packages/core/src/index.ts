// `@vidgo-sdk/core`: `./lite` plus the waiting engine. Only what a user of the client names is
// here; what adapters share is in `./internal` (see internal/README.md). `exports.test.ts` lists
// both entry points, so a change to either is deliberate.
export { createVidgoClient } from './client.ts';
export type { SubmitAndWaitOptions, VidgoClient } from './client.ts';
export * from './shared-exports.ts';
export { TaskFailedError, WaitTimeoutError } from './wait/wait-errors.ts';
export type { PollStrategy } from './wait/adaptive-strategy.ts';
export type { WaitState } from './wait/wait-state.ts';
export type { WaitOptions } from './wait/watch-task.ts';
export {
  TaskPool,
  type PoolClient,
  type TaskPoolAddOptions,
  type TaskPoolOptions,
  type TaskResult,
} from './wait/task-pool.ts';
export { watchTaskEvents, type WatchTaskEventsOptions } from './events/watch-task-events.ts';
export { WatchFailedError } from './events/watch-failed-error.ts';
