import type { CliContext } from '../cli-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTask } from '../format-task.ts';
import { terminalJson } from '../terminal-text.ts';
import type { Command } from '../parse-arguments.ts';

export async function runStatus(
  command: Extract<Command, { name: 'status' }>,
  { client, stdout, signal }: CliContext,
): Promise<number> {
  const task = await client.getTask(command.taskId, { signal });
  stdout.write(command.json ? `${terminalJson(task)}\n` : formatTask(task));
  // A query: it succeeded whatever the task's status.
  return ExitCode.ok;
}
