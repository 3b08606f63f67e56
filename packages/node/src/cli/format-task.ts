import type { Task } from '@vidgo-sdk/core';
import { terminalText } from './terminal-text.ts';

/**
 * `vidgo status` without `--json`: one `label  value` line per field, files last, every server value made safe to
 * print.
 */
export function formatTask(task: Task): string {
  const rows: [string, string][] = [
    ['task', task.task_id],
    ['status', task.status],
  ];
  if (task.progress !== undefined) rows.push(['progress', `${task.progress}%`]);
  if (task.created_time !== undefined) rows.push(['created', `${task.created_time} (UTC)`]);
  if (task.error_message) rows.push(['error', task.error_message]);
  for (const [index, file] of task.files.entries())
    rows.push([`file ${index + 1}`, `${file.file_type}  ${file.file_url}`]);
  if (task.files.length > 0) rows.push(['', 'file URLs are valid for 24 hours']);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return `${rows.map(([label, value]) => `${label.padEnd(width)}${terminalText(value)}`.trimEnd()).join('\n')}\n`;
}
