import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/types.ts';
import {
  encodeSsePing,
  encodeSseRetry,
  encodeSseTaskEvent,
  encodeSseWatchFailed,
  SSE_HEADERS,
} from '../../src/adapters/sse-encoding.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const task = { task_id: 'task-1', status: 'running', progress: 40, files: [], error_message: null } as unknown as Task;

describe('the SSE wire format', () => {
  it('writes a task change as a `task` event with its id, once per event object', () => {
    const event = { id: '1700000000.3', task };
    const bytes = encodeSseTaskEvent(event);
    expect(text(bytes)).toBe(`id: 1700000000.3\nevent: task\ndata: ${JSON.stringify(task)}\n\n`);
    // Every viewer of the event gets the same bytes: serialised once.
    expect(encodeSseTaskEvent(event)).toBe(bytes);
    expect(encodeSseTaskEvent({ ...event })).not.toBe(bytes);
  });

  it('names a failure `watch-failed` (never `error`), with its code when there is one', () => {
    expect(text(encodeSseWatchFailed({ code: 'not_found', detail: 'Task not found' }))).toBe(
      'event: watch-failed\ndata: {"code":"not_found","detail":"Task not found"}\n\n',
    );
    expect(text(encodeSseWatchFailed({ detail: 'Task not found' }))).toBe(
      'event: watch-failed\ndata: {"detail":"Task not found"}\n\n',
    );
  });

  it('has a comment for a heartbeat, a reconnection delay, and headers no proxy buffers', () => {
    expect(text(encodeSsePing())).toBe(': ping\n\n');
    expect(text(encodeSseRetry())).toBe('retry: 5000\n\n');
    expect(SSE_HEADERS).toEqual({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    expect(Object.isFrozen(SSE_HEADERS)).toBe(true);
  });
});
