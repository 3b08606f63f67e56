import { ExitCode } from './exit-codes.ts';

/** The abort reason when a signal stops the CLI: the exit code follows the signal. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  readonly exitCode: number;

  constructor(readonly signalName: 'SIGINT' | 'SIGTERM') {
    super(`interrupted (${signalName})`);
    this.exitCode = signalName === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
  }
}

export function interruptExitCode(reason: unknown): number {
  return reason instanceof Interrupted ? reason.exitCode : ExitCode.interrupted;
}
