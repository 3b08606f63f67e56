import type { Task } from '@vidgo-sdk/core';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/cli/format-bytes.ts';
import { formatTask } from '../../src/cli/format-task.ts';
import { collectOutput } from '../support/collect-output.ts';
import { REDRAW } from '../../src/cli/output.ts';
import { downloadBarLine, renderBar, taskBarLine, taskChangeLine } from '../../src/cli/progress-bar.ts';
import { downloadProgress, taskProgress } from '../../src/cli/progress-reporter.ts';
import { hasUnsafeCharacters } from '../../src/cli/terminal-text.ts';

const task = (fields: Partial<Task>): Task => ({
  task_id: 'task-unified-1757165031-uyujaw3d',
  status: 'running',
  files: [],
  ...fields,
});

describe('progress rendering', () => {
  it('draws a bar', () => {
    expect(renderBar(0, 10)).toBe('[----------]');
    expect(renderBar(0.45, 10)).toBe('[#####-----]');
    expect(renderBar(1.2, 10)).toBe('[##########]');
    expect(renderBar(undefined, 4)).toBe('[----]');
  });

  it('shows status, bar, percentage, elapsed time and task in one line for a terminal', () => {
    expect(taskBarLine(task({ progress: 45 }), 12_000, 120)).toBe(
      'running      [###########-------------]  45%  0:12  task-unified-1757165031-uyujaw3d',
    );
    expect(taskBarLine(task({ status: 'not_started', progress: undefined }), 0, 120)).toBe(
      'not_started  [------------------------]  --%  0:00  task-unified-1757165031-uyujaw3d',
    );
    expect(taskBarLine(task({ status: 'finished', progress: undefined }), 61_000, 120)).toContain(
      '[########################] 100%  1:01',
    );
  });

  it('never wraps: the line is cut to the terminal width', () => {
    expect(taskBarLine(task({ progress: 45 }), 0, 40)).toHaveLength(39);
  });

  it('writes one plain line per change otherwise', () => {
    expect(taskChangeLine(task({ progress: 45 }), 12_000)).toBe('[0:12] running 45%');
    expect(taskChangeLine(task({ status: 'weird\u001b[2Jstatus', progress: undefined }), 0)).toBe(
      '[0:00] weird\\u001b[2Jstatus',
    );
  });

  it('shows download progress', () => {
    expect(downloadBarLine('1/2 clip.mp4', 2_100_000, 10_000_000, 200)).toBe(
      'saving 1/2 clip.mp4  [#####-------------------]  21%  2.10 MB / 10.0 MB',
    );
    expect(downloadBarLine('1/1 clip.mp4', 2_100_000, undefined, 200)).toBe('saving 1/1 clip.mp4  2.10 MB');
  });

  it('formats bytes', () => {
    expect([512, 1500, 2_100_000, 10_000_000, 2_100_000_000].map(formatBytes)).toEqual([
      '512 B',
      '1.5 kB',
      '2.10 MB',
      '10.0 MB',
      '2.10 GB',
    ]);
  });
});

describe('a hostile server on a terminal', () => {
  const attack = '\x1b]52;c;aGk=\x07\x1b[2J\r\u009b\u202e';
  it('redraws the bar with its own codes only', () => {
    const output = collectOutput({ isTTY: true, columns: 200 });
    const clock = { now: () => 0, setTimeout: () => 1, clearTimeout: () => undefined };
    const progress = taskProgress(output, clock);
    progress.update(task({ status: `running${attack}`, task_id: `task-${attack}` }));
    progress.end();
    const display = downloadProgress(output, 1);
    display.onProgress({
      taskId: 't',
      fileCount: 2,
      file: { file_url: `https://storage.vidgo.ai/${attack}.mp4`, file_type: 'video' },
      index: 0,
      bytesWritten: 10,
      totalBytes: 100,
    });
    display.onProgress({
      taskId: 't',
      fileCount: 2,
      file: { file_url: `not a url/${attack}.mp4`, file_type: 'video' },
      index: 1,
      bytesWritten: 10,
    });
    display.end();
    expect(output.text.startsWith(REDRAW)).toBe(true);
    expect(hasUnsafeCharacters(output.text.replaceAll(REDRAW, '').replaceAll('\n', ''))).toBe(false);
    expect(output.text).toContain('running\\u001b]52;c;aGk=\\u0007\\u001b[2J \\u009b\\u202e');
  });
});

describe('formatTask', () => {
  it('prints readable lines', () => {
    const text = formatTask(
      task({
        status: 'finished',
        progress: 100,
        created_time: '2025-11-12T10:30:00',
        error_message: null,
        files: [{ file_url: 'https://storage.vidgo.ai/generated/video-xyz789.mp4', file_type: 'video' }],
      }),
    );
    expect(text).toBe(
      [
        'task      task-unified-1757165031-uyujaw3d',
        'status    finished',
        'progress  100%',
        'created   2025-11-12T10:30:00 (UTC)',
        'file 1    video  https://storage.vidgo.ai/generated/video-xyz789.mp4',
        '          file URLs are valid for 24 hours',
        '',
      ].join('\n'),
    );
    expect(formatTask(task({ status: 'failed', error_message: 'The prompt\nviolates our content policy' }))).toContain(
      'error   The prompt violates our content policy\n',
    );
  });
});
