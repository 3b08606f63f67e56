// The engine's parts for drivers outside `waitForTask` (the Workers TaskWatcher, the proxy's and
// the Workers caches, benchmarks): one step of the polling engine, and the one reader of
// `created_time` that the file URLs' life is counted from.
export { pollStep, type PollAction, type PollOutcome, type PollStep, type StepOptions } from './poll-step.ts';
export { filesExpireAt, readCreatedTime } from './created-time.ts';
