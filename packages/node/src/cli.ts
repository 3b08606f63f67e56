#!/usr/bin/env node
// The `vidgo` command: wires the process (argv, env, stdio, signals, exit) to `runCli`.
import { Interrupted } from './cli/interrupt.ts';
import { runCli } from './cli/run-cli.ts';
import { terminalText } from './cli/terminal-text.ts';

const controller = new AbortController();
for (const signalName of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signalName, () => {
    // A second Ctrl-C while cleaning up means "now".
    if (controller.signal.aborted) process.exit(new Interrupted(signalName).exitCode);
    controller.abort(new Interrupted(signalName));
  });
}
// `vidgo status x | head -1`: a closed pipe is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).catch((error: unknown) => {
  // A bug of ours: still one line, no stack.
  process.stderr.write(
    `vidgo: unexpected error: ${terminalText(error instanceof Error ? error.message : String(error))}\n`,
  );
  return 5;
});
// Exit now: idle keep-alive sockets of the fetch pool would otherwise hold the process a few seconds.
process.exit(code);
