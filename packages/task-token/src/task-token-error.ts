/** Why a task token was refused; `code` is stable, `message` never quotes the token or the secret. */
export type TaskTokenErrorCode =
  | 'malformed'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-task'
  | 'invalid-claims';

/** A task token was refused by `taskTokenVerifier`: `code` says why. */
export class TaskTokenError extends Error {
  /** Always `TaskTokenError`. */
  override readonly name = 'TaskTokenError';
  /** Why: stable and machine-readable; branch on it rather than on the message. */
  readonly code: TaskTokenErrorCode;

  constructor(code: TaskTokenErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
