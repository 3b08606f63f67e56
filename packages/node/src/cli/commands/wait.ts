import type { CliContext } from '../cli-context.ts';
import type { Command } from '../parse-arguments.ts';
import { waitAndSave } from './wait-and-save.ts';

export function runWait(command: Extract<Command, { name: 'wait' }>, context: CliContext): Promise<number> {
  context.onTaskId(command.taskId);
  return waitAndSave(command, context, (options) => context.client.waitForTask(command.taskId, options));
}
