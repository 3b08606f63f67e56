// `@vidgo-sdk/core/internal`: what the runtime packages and the edge proxy share with the core.
// Not covered by semver (see README.md): any release may change it.
export { systemClock, type Clock } from '../clock.ts';
export { ownFields, type VidgoErrorOptions } from '../errors/vidgo-error.ts';
export { readTask as parseTask } from './parse-task.ts';
export { encodeTaskId } from './task-id.ts';
export { adaptiveStrategy, type PollStrategy } from '../wait/adaptive-strategy.ts';
export { expectedDuration } from '../wait/expected-duration.ts';
export { isRetryableError } from '../wait/is-retryable-error.ts';
export { observe } from '../wait/wait-state.ts';
export { startWait } from '../wait/watch-task.ts';
export { fileNameFor, MAX_FILE_NAME_LENGTH, withCollisionSuffix, type FileNameInput } from '../files/file-name.ts';
export * from '../download/index.ts';
export {
  filesExpireAt,
  pollStep,
  readCreatedTime,
  type PollAction,
  type PollOutcome,
  type PollStep,
  type StepOptions,
} from '../wait/engine.ts';
export * from '../adapters/index.ts';
