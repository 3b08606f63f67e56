import type { Task } from '@vidgo-sdk/core';

export interface WatchEvent {
  /** `<epoch>.<sequence>`: what a browser sends back as Last-Event-ID. */
  id: string;
  task: Task;
}

/** How a watch ended: after the terminal task's event, or with the reason watching failed. */
export interface WatchEnd {
  /** Given here rather than to `send`, so that a transport can write it and the end of the stream at once. */
  last?: WatchEvent;
  /** `code` is `wait_timeout` when the loop ran into its time limit and a reconnect watches on. */
  failure?: { code?: string; detail: string };
  /**
   * The proxy is going away: the stream ends with `retry: <ms>` and no failure event, so an
   * EventSource reconnects after that long (to another replica) and resumes with Last-Event-ID.
   */
  reconnectAfterMs?: number;
}

/** One viewer of a task (an SSE stream). */
export interface Watcher {
  send(event: WatchEvent): void;
  ping(): void;
  /** The stream is over. */
  end(how?: WatchEnd): void;
}
