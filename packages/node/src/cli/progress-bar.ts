import type { Task } from '@vidgo-sdk/core';
import { formatElapsed } from './duration.ts';
import { formatBytes } from './format-bytes.ts';
import { terminalText } from './terminal-text.ts';

const BAR_WIDTH = 24;

/** `[#########---------------]` for a fraction in [0, 1]; all dashes when unknown. */
export function renderBar(fraction: number | undefined, width = BAR_WIDTH): string {
  const filled = fraction === undefined ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

const percent = (progress: number | undefined) =>
  progress === undefined ? ' --%' : `${String(Math.round(progress)).padStart(3)}%`;

/**
 * The line a terminal shows while waiting, e.g.
 * `running      [###########-------------]  45%  0:12  task-unified-1757165031-uyujaw3d`,
 * cut to the terminal's width: a line that wraps cannot be redrawn in place.
 */
export function taskBarLine(task: Task, elapsedMs: number, columns: number | undefined): string {
  const fraction = task.status === 'finished' ? 1 : task.progress === undefined ? undefined : task.progress / 100;
  const status = terminalText(task.status).padEnd(12);
  const progress = `${renderBar(fraction)} ${percent(task.status === 'finished' ? 100 : task.progress)}`;
  const line = `${status} ${progress}  ${formatElapsed(elapsedMs)}  ${terminalText(task.task_id)}`;
  return fit(line, columns);
}

/** The line written at each change when stderr is not a terminal: `[0:12] running 45%`. */
export function taskChangeLine(task: Task, elapsedMs: number): string {
  const progress = task.progress === undefined ? '' : ` ${Math.round(task.progress)}%`;
  return `[${formatElapsed(elapsedMs)}] ${terminalText(task.status)}${progress}`;
}

/**
 * `saving 1/2 video-1.mp4  [#####---]  21%  2.1 MB / 10.0 MB` (no bar when the size is unknown). `label` is
 * already safe text.
 */
export function downloadBarLine(
  label: string,
  bytesWritten: number,
  totalBytes: number | undefined,
  columns: number | undefined,
): string {
  let size = formatBytes(bytesWritten);
  if (totalBytes !== undefined) {
    const bar = renderBar(totalBytes ? bytesWritten / totalBytes : 1);
    const share = percent(totalBytes ? (100 * bytesWritten) / totalBytes : 100);
    size = `${bar} ${share}  ${size} / ${formatBytes(totalBytes)}`;
  }
  return fit(`saving ${label}  ${size}`, columns);
}

function fit(line: string, columns: number | undefined): string {
  // One column spare: some terminals wrap when the last column is written.
  return columns && columns > 1 && line.length > columns - 1 ? line.slice(0, columns - 1) : line;
}
