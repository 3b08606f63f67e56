import { keys } from './keys.ts';
import type { RedisClients } from './redis-clients.ts';
import { parseEntry, type StreamEntry } from './task-stream.ts';

export interface StreamReader {
  /** Reads the task's stream from after `afterId` on, handing each new entry to the reader's callback. */
  follow(taskId: string, afterId: string): void;
  unfollow(taskId: string): void;
  stop(): void;
}

const BLOCK_MS = 1000;
const EVENTS_PREFIX = keys.events('');

/**
 * One blocking XREAD, on its own connection, for every task this replica watches: each change
 * a holder adds reaches this replica's watchers within a round trip. A newly followed task
 * wakes the read at once (CLIENT UNBLOCK) rather than waiting for the block to time out. While
 * Redis is away the reader idles, and resumes from where each task stood.
 */
export function streamReader(
  clients: RedisClients,
  onEntries: (taskId: string, entries: StreamEntry[]) => void,
): StreamReader {
  const cursors = new Map<string, string>();
  let stopped = false;
  let blocked = false;
  let readsId: number | undefined;
  let wake: (() => void) | undefined;
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, BLOCK_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const rouse = () => {
    wake?.();
    wake = undefined;
    if (blocked && readsId !== undefined) void clients.commands.client('UNBLOCK', readsId).catch(() => {});
  };
  clients.reads.on('ready', () => {
    void clients.reads.client('ID').then(
      (id) => (readsId = Number(id)),
      () => {},
    );
  });
  clients.onModeChange(rouse);

  const readOnce = async () => {
    const taskIds = [...cursors.keys()];
    blocked = true;
    let result: [string, [string, string[]][]][] | null;
    try {
      result = (await clients.reads.xread(
        'COUNT',
        1000,
        'BLOCK',
        BLOCK_MS,
        'STREAMS',
        ...taskIds.map(keys.events),
        ...taskIds.map((taskId) => cursors.get(taskId)!),
      )) as [string, [string, string[]][]][] | null;
    } finally {
      blocked = false;
    }
    for (const [key, entries] of result ?? []) {
      const taskId = key.slice(EVENTS_PREFIX.length);
      const last = entries.at(-1);
      if (!cursors.has(taskId) || !last) continue;
      cursors.set(taskId, last[0]);
      onEntries(
        taskId,
        entries.map(([id, fields]) => parseEntry(id, fields)),
      );
    }
  };

  void (async () => {
    while (!stopped) {
      if (cursors.size === 0 || clients.mode() !== 'shared') {
        await idle();
        continue;
      }
      try {
        await readOnce();
      } catch {
        // Redis went away mid-read: the mode says so; wait for it rather than spin.
        await idle();
      }
    }
  })();

  return {
    follow(taskId, afterId) {
      cursors.set(taskId, afterId);
      rouse();
    },
    unfollow: (taskId) => cursors.delete(taskId),
    stop() {
      stopped = true;
      rouse();
    },
  };
}
