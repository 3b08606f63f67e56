import type { Task, WaitOptions } from '@vidgo-sdk/core';
import { downloadFiles } from '../../download/download-files.ts';
import type { CliContext } from '../cli-context.ts';
import { ExitCode } from '../exit-codes.ts';
import type { WaitSettings } from '../parse-arguments.ts';
import { downloadProgress, taskProgress } from '../progress-reporter.ts';
import { terminalJson, terminalText } from '../terminal-text.ts';

/**
 * The part `wait` and `submit --wait` share: wait with progress on stderr, then print the file
 * URLs (or download the files and print their paths) on stdout. With `json`, stdout gets the task
 * as JSON, a failed one included (or `{ task, downloads }` with `download`).
 */
export async function waitAndSave(
  settings: WaitSettings & { json: boolean },
  context: CliContext,
  wait: (options: WaitOptions) => Promise<Task>,
): Promise<number> {
  const { stdout, stderr, signal, clock } = context;
  const progress = taskProgress(stderr, clock);
  let task: Task;
  try {
    task = await wait({
      signal,
      timeoutMs: settings.timeoutMs,
      model: settings.model,
      expectedDurationMs: settings.expectMs,
      onProgress: (task) => progress.update(task),
    });
  } catch (error) {
    const failed =
      (error as { code?: string; task?: Task }).code === 'task_failed' ? (error as { task: Task }).task : undefined;
    progress.end();
    if (settings.json && failed) stdout.write(`${terminalJson(failed)}\n`);
    throw error;
  }
  progress.end();

  if (settings.download === undefined) {
    stdout.write(
      settings.json ? `${terminalJson(task)}\n` : task.files.map((file) => `${terminalText(file.file_url)}\n`).join(''),
    );
    return ExitCode.ok;
  }
  const display = downloadProgress(stderr, task.files.length);
  let downloads: Awaited<ReturnType<typeof downloadFiles>>;
  try {
    downloads = await downloadFiles(task, settings.download, {
      signal,
      fetch: context.fetch,
      resolveHost: context.resolveHost,
      allowInsecureHttp: settings.allowInsecureHttp,
      allowPrivateNetwork: settings.allowPrivateNetwork,
      onProgress: (event) => display.onProgress(event),
    });
  } finally {
    display.end();
  }
  stdout.write(
    settings.json
      ? `${terminalJson({ task, downloads: downloads.map(({ path, bytes, index }) => ({ path, bytes, index })) })}\n`
      : downloads.map(({ path }) => `${terminalText(path)}\n`).join(''),
  );
  return ExitCode.ok;
}
