import { VidgoError, type Task, type VidgoClient } from '@vidgo-sdk/core';
import type { Log } from '../logger.ts';
import { errorAnswer } from '../upstream/error-answer.ts';
import { publicTask } from '../upstream/public-task.ts';
import type { SharedEntry } from './shared-entry.ts';

export type Change = { task: Task } | { failure: string };

/**
 * This replica's upstream loop for a task, on the core's engine: as the lease holder (its changes
 * go to every replica) or, while Redis is away, for its own viewers. `emit` decides where each
 * change goes. Aborting `entry.poll` stops it (the lease was lost, or Redis came back).
 */
export function pollUpstream(
  entry: SharedEntry,
  options: {
    client: Pick<VidgoClient, 'watchTask'>;
    log: Log;
    maxWatchMs: number;
    emit(entry: SharedEntry, change: Change): Promise<void>;
  },
): void {
  const { client, log, maxWatchMs, emit } = options;
  entry.poll?.abort();
  const controller = new AbortController();
  entry.poll = controller;
  void (async () => {
    try {
      // The state the route read just before the first viewer joined: once, never after a rejoin.
      const { current } = entry;
      entry.current = undefined;
      if (current && !entry.history.length) await emit(entry, { task: current });
      const watching = client.watchTask(entry.taskId, { signal: controller.signal, timeoutMs: maxWatchMs });
      for await (const task of watching) {
        if (controller.signal.aborted) return;
        await emit(entry, { task: publicTask(task, entry.taskId) });
      }
    } catch (error) {
      if (controller.signal.aborted || entry.done) return;
      const { detail } = errorAnswer(error, log);
      const timedOut = VidgoError.is(error) && error.code === 'wait_timeout';
      await emit(entry, { failure: timedOut ? 'Still running; reconnect to keep watching' : detail });
    } finally {
      if (entry.poll === controller) entry.poll = undefined;
    }
  })();
}
