import { ConfigurationError } from '@vidgo-sdk/core';
import { systemClock, type Clock } from '@vidgo-sdk/core/internal';
import { createVidgoClient, resolveConnection } from '../create-vidgo-client.ts';
import type { CliContext } from './cli-context.ts';
import { runStatus } from './commands/status.ts';
import { runSubmit } from './commands/submit.ts';
import { runWait } from './commands/wait.ts';
import { describeError } from './describe-error.ts';
import { ExitCode, exitCodeFor } from './exit-codes.ts';
import { helpText } from './help-text.ts';
import { interruptExitCode } from './interrupt.ts';
import { terminalText } from './terminal-text.ts';
import type { Output } from './output.ts';
import { parseArguments, type Command } from './parse-arguments.ts';
import { version } from './version.ts';

export interface CliEnvironment {
  /** The arguments after `vidgo`. */
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Aborted on Ctrl-C (with an `Interrupted` reason): the wait and downloads stop, partial files go. */
  signal?: AbortSignal;
  /** For tests: the simulator's fetch and a virtual clock. */
  fetch?: typeof fetch;
  clock?: Clock;
  /** For tests: resolves storage host names without DNS. */
  resolveHost?: (hostname: string) => Promise<readonly string[]>;
}

/** The whole CLI as a function: writes to the given outputs and resolves with the exit code. */
export async function runCli({
  argv,
  env,
  stdout,
  stderr,
  signal = new AbortController().signal,
  fetch,
  clock,
  resolveHost,
}: CliEnvironment): Promise<number> {
  let command: Command;
  try {
    command = parseArguments(argv);
  } catch (error) {
    stderr.write(`vidgo: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
  if (command.name === 'help') {
    // Asked for: stdout and success. A bare `vidgo`: the same text, as a usage error.
    (command.asked ? stdout : stderr).write(helpText(command.topic));
    return command.asked ? ExitCode.ok : ExitCode.usage;
  }
  if (command.name === 'version') {
    stdout.write(`${version}\n`);
    return ExitCode.ok;
  }

  let apiKey: string | undefined;
  let baseUrl: string | undefined;
  try {
    ({ apiKey, baseUrl } = resolveConnection({ baseUrl: command.baseUrl, env }));
  } catch (error) {
    // Core's rule: no key while Vidgo itself is the target (a proxy may go without). The key
    // only ever comes from the environment here, so the line says just that.
    if (!(error instanceof ConfigurationError)) throw error;
    stderr.write('vidgo: no API key: set VIDGO_API_KEY (export VIDGO_API_KEY=...)\n');
    return ExitCode.authOrNotFound;
  }
  let taskId: string | undefined;
  try {
    const context: CliContext = {
      client: createVidgoClient({ baseUrl, env, fetch, clock }),
      stdout,
      stderr,
      signal,
      clock: clock ?? systemClock,
      fetch,
      resolveHost,
      onTaskId: (id) => (taskId = id),
    };
    switch (command.name) {
      case 'status':
        return await runStatus(command, context);
      case 'wait':
        return await runWait(command, context);
      case 'submit':
        return await runSubmit(command, context);
    }
  } catch (error) {
    if (signal.aborted) {
      // The task lives on at Vidgo (and costs credits): say how to get back to it.
      const resume =
        command.name === 'status'
          ? ''
          : taskId
            ? `; the task goes on (vidgo wait ${terminalText(taskId)})`
            : command.name === 'submit'
              ? '; a task may have been created'
              : '';
      stderr.write(`vidgo: interrupted${resume}\n`);
      return interruptExitCode(signal.reason);
    }
    stderr.write(`vidgo: ${describeError(error, apiKey)}\n`);
    return exitCodeFor(error);
  }
}
