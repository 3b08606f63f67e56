/** The command line itself is wrong: exit code 3, with a pointer to the help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose help to point to, if any. */
  readonly command?: string;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}
