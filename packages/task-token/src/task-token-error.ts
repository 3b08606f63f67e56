/** Why a task token was refused; `code` is stable, `message` never quotes the token or the secret. */
export type TaskTokenErrorCode =
  | 'malformed'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-task'
  | 'invalid-claims';

export class TaskTokenError extends Error {
  override readonly name = 'TaskTokenError';
  readonly code: TaskTokenErrorCode;

  constructor(code: TaskTokenErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
