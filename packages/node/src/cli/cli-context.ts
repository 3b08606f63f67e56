import type { VidgoClient } from '@vidgo-sdk/core';
import type { Clock } from '@vidgo-sdk/core/internal';
import type { Output } from './output.ts';

/** What a command runs with; built once by `runCli`. */
export interface CliContext {
  client: VidgoClient;
  stdout: Output;
  stderr: Output;
  signal: AbortSignal;
  clock: Clock;
  /** Used for downloads; default the global fetch. */
  fetch?: typeof fetch;
  /** Used for the download address check; default `dns.lookup`. */
  resolveHost?: (hostname: string) => Promise<readonly string[]>;
  /** Told the task id as soon as it is known, so an interrupt can say how to resume. */
  onTaskId(taskId: string): void;
}
