export { createTaskToken, type CreateTaskTokenOptions } from './create-task-token.ts';
export { MIN_SECRET_LENGTH } from './signing-key.ts';
export { isServableTaskId, TASK_ID_PATTERN } from './task-id-rule.ts';
export { TaskTokenError, type TaskTokenErrorCode } from './task-token-error.ts';
export { taskTokenVerifier, type TaskTokenVerifierOptions, type VerifiedTaskToken } from './verify-task-token.ts';
