import type { Task } from '@vidgo-sdk/core';
import type { Redis } from 'ioredis';
import { keys } from './keys.ts';

/** One entry of a task's Redis Stream: a state of the task, or why watching it failed. */
export interface StreamEntry {
  /** The stream id (`<ms>-<n>`): the SSE event id, the same on every replica. */
  id: string;
  task?: Task;
  failure?: string;
}

// Enough for any reconnect: a task changes a few dozen times at most while a browser is away.
const MAX_ENTRIES = 100;
// Refreshed at each change; an abandoned stream goes away with it.
const STREAM_TTL_MS = 3_600_000;

// Appends a change unless it is none: the same status and progress as the last entry, or anything
// after a terminal one. So a holder that takes over, or a callback's re-read on another replica,
// adds nothing that every watcher has already seen. Returns the id of the entry that stands.
const PUBLISH = `
if ARGV[6] == '1' and redis.call('exists', KEYS[1]) == 0 then return false end
if ARGV[1] == 'task' then
  local last = redis.call('xrevrange', KEYS[1], '+', '-', 'COUNT', 1)[1]
  if last then
    local status, progress
    for i = 1, #last[2], 2 do
      if last[2][i] == 'status' then status = last[2][i + 1] end
      if last[2][i] == 'progress' then progress = last[2][i + 1] end
    end
    if status == 'finished' or status == 'failed' then return last[1] end
    if status == ARGV[3] and progress == ARGV[4] then return last[1] end
  end
end
local id = redis.call('xadd', KEYS[1], 'MAXLEN', '~', ARGV[5], '*',
  ARGV[1], ARGV[2], 'status', ARGV[3], 'progress', ARGV[4])
redis.call('pexpire', KEYS[1], ARGV[7])
return id`;

export interface TaskStreams {
  /**
   * Adds a change to the task's stream (see PUBLISH); `ifWatched` adds nothing when no replica
   * has opened the stream. Resolves to the id that stands, or undefined when nothing was added.
   */
  publish(
    taskId: string,
    change: { task: Task } | { failure: string },
    ifWatched?: boolean,
  ): Promise<string | undefined>;
  /** Every entry kept, oldest first. */
  range(taskId: string): Promise<StreamEntry[]>;
}

export function redisTaskStreams(redis: Redis): TaskStreams {
  return {
    async publish(taskId, change, ifWatched = false) {
      const [kind, payload, status, progress] =
        'task' in change
          ? ['task', JSON.stringify(change.task), change.task.status, String(change.task.progress ?? '')]
          : ['failure', change.failure, '', ''];
      const id = await redis.eval(
        PUBLISH,
        1,
        keys.events(taskId),
        kind,
        payload,
        status,
        progress,
        String(MAX_ENTRIES),
        ifWatched ? '1' : '0',
        String(STREAM_TTL_MS),
      );
      return typeof id === 'string' ? id : undefined;
    },
    async range(taskId) {
      return (await redis.xrange(keys.events(taskId), '-', '+')).map(([id, fields]) => parseEntry(id, fields));
    },
  };
}

/** An entry as XRANGE or XREAD return it; a field that does not parse is left out. */
export function parseEntry(id: string, fields: string[]): StreamEntry {
  const entry: StreamEntry = { id };
  for (let index = 0; index < fields.length; index += 2) {
    const value = fields[index + 1] ?? '';
    if (fields[index] === 'failure') entry.failure = value;
    if (fields[index] === 'task') {
      try {
        entry.task = JSON.parse(value) as Task;
      } catch {
        // Written by this proxy only; a broken one is skipped rather than served.
      }
    }
  }
  return entry;
}

/** Whether stream id `a` comes after `b` (`<ms>-<n>`, compared as numbers). */
export function isAfter(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs !== bMs ? aMs > bMs : aSeq > bSeq;
}

export const isStreamId = (id: string): boolean => /^\d{1,20}-\d{1,20}$/.test(id);
