import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../cli-context.ts';
import type { Command } from '../parse-arguments.ts';
import { terminalJson, terminalText } from '../terminal-text.ts';
import { waitAndSave } from './wait-and-save.ts';

export async function runSubmit(command: Extract<Command, { name: 'submit' }>, context: CliContext): Promise<number> {
  const { client, stdout, stderr, signal } = context;
  const request = { model: command.model, input: { prompt: command.prompt } };
  if (!command.wait) {
    const submitted = await client.submitTask(request, { signal });
    stdout.write(command.json ? `${terminalJson(submitted)}\n` : `${terminalText(submitted.task_id)}\n`);
    return ExitCode.ok;
  }
  return waitAndSave(command, context, (options) =>
    client.submitAndWait(request, {
      ...options,
      // The task costs credits from here on: its id goes out at once, whatever happens next.
      onSubmitted: ({ task_id }) => {
        context.onTaskId(task_id);
        stderr.write(`submitted ${terminalText(task_id)}\n`);
      },
    }),
  );
}
