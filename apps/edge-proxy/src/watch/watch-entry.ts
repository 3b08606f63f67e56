import type { WatchEvent, Watcher } from './watcher.ts';

/** One task's polling loop and its watchers. */
export interface WatchEntry {
  taskId: string;
  /** Names this loop in event ids (`<epoch>.<sequence>`), so a resumed id from another loop is told apart. */
  epoch: string;
  sequence: number;
  /** The last events, for viewers who reconnect. */
  history: WatchEvent[];
  watchers: Set<Watcher>;
  controller: AbortController;
  done: boolean;
  /** The timer that ends the loop after its last watcher left. */
  linger?: unknown;
}

/**
 * What a joining viewer is sent first: what it missed, when it resumes from this loop (its
 * Last-Event-ID names this epoch); otherwise where things stand.
 */
export function replayFor(entry: WatchEntry, lastEventId: string | undefined): WatchEvent[] {
  const [epoch, seen] = lastEventId?.split('.') ?? [];
  if (epoch !== entry.epoch) return entry.history.slice(-1);
  return entry.history.filter((event) => Number(event.id.split('.')[1]) > Number(seen));
}
