import type { Clock, VidgoClient } from '@vidgo-sdk/core';
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
  /** Told the task id as soon as it is known, so an interrupt can say how to resume. */
  onTaskId(taskId: string): void;
}
