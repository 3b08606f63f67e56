import type { Task } from '@vidgo-sdk/core';

export interface WatchEvent {
  /** `<epoch>.<sequence>`: what a browser sends back as Last-Event-ID. */
  id: string;
  task: Task;
}

/** One viewer of a task (an SSE stream). */
export interface Watcher {
  send(event: WatchEvent): void;
  ping(): void;
  /** The stream is over: after the terminal task, or with the reason it failed. */
  end(failure?: { detail: string }): void;
}
