import type { Task } from '@vidgo-sdk/core';
import { displayUrl, type Clock, type DownloadProgress } from '@vidgo-sdk/core/internal';
import { REDRAW, type Output } from './output.ts';
import { downloadBarLine, taskBarLine, taskChangeLine } from './progress-bar.ts';
import { terminalText } from './terminal-text.ts';

export interface TaskProgress {
  update(task: Task): void;
  /** Ends the display: the last bar stays on screen, the cursor on a fresh line. */
  end(): void;
}

const TICK_MS = 1000;

/**
 * Shows a wait on `output` (stderr): on a terminal, one bar redrawn in place, ticking each second
 * so the elapsed time moves between polls; otherwise one line per observed change.
 */
export function taskProgress(output: Output, clock: Clock): TaskProgress {
  const startedAt = clock.now();
  let last: Task | undefined;
  let timer: unknown;
  let drawn = false;
  if (!output.isTTY) {
    return {
      update: (task) => output.write(`${taskChangeLine(task, clock.now() - startedAt)}\n`),
      end: () => undefined,
    };
  }
  const draw = () => {
    if (!last) return;
    output.write(REDRAW + taskBarLine(last, clock.now() - startedAt, output.columns));
    drawn = true;
  };
  const tick = () => {
    draw();
    timer = clock.setTimeout(tick, TICK_MS);
  };
  return {
    update(task) {
      last = task;
      draw();
      if (timer === undefined) timer = clock.setTimeout(tick, TICK_MS);
    },
    end() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      if (drawn) output.write('\n');
      drawn = false;
    },
  };
}

export interface DownloadDisplay {
  onProgress(progress: DownloadProgress): void;
  end(): void;
}

/** Shows downloads: a byte counter redrawn in place on a terminal, a line per file otherwise. */
export function downloadProgress(output: Output, fileCount: number): DownloadDisplay {
  let shown: DownloadProgress | undefined;
  let latest: DownloadProgress | undefined;
  // The name comes from the server's URL: cleaned, and short enough to leave room for the bar.
  const label = ({ file, index }: DownloadProgress) =>
    `${index + 1}/${fileCount} ${terminalText(displayUrl(file.file_url).split('/').pop() ?? '', 200)}`;
  const draw = (progress: DownloadProgress) => {
    output.write(REDRAW + downloadBarLine(label(progress), progress.bytesWritten, progress.totalBytes, output.columns));
    shown = progress;
  };
  // The last state of the file on screen, then a fresh line for what comes next.
  const settle = () => {
    if (latest && latest !== shown) draw(latest);
    if (shown) output.write('\n');
    shown = latest = undefined;
  };
  return {
    onProgress(progress) {
      if (!output.isTTY) {
        if (progress.index !== latest?.index) output.write(`saving ${label(progress)}\n`);
        latest = progress;
        return;
      }
      if (latest && progress.index !== latest.index) settle();
      latest = progress;
      // Redraw when the percentage moves, or every 1 MB when the size is unknown: not per chunk.
      const { bytesWritten, totalBytes } = progress;
      const step = (bytes: number) =>
        totalBytes ? Math.floor((100 * bytes) / totalBytes) : Math.floor(bytes / 1_000_000);
      if (!shown || step(bytesWritten) !== step(shown.bytesWritten)) draw(progress);
    },
    end() {
      if (output.isTTY) settle();
    },
  };
}
