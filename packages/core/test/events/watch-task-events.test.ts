import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.ts';
import { follow, PROXY, TOKEN } from './support/follow.ts';
import { type ScriptedAnswer, taskEvent } from './support/scripted-proxy.ts';

describe('watchTaskEvents', () => {
  it('yields each change, the terminal task last, sending the token and asking for a stream', async () => {
    const { tasks, error, proxy } = await follow(
      [
        {
          pieces: [
            [0, `retry: 5000\n\n${taskEvent('e1.1', 'not_started', 0)}`],
            [1000, taskEvent('e1.2', 'running', 10)],
            [1500, ': ping\n\n'],
            [2000, taskEvent('e1.3', 'running', 10) + taskEvent('e1.4', 'running', 60)],
            [3000, taskEvent('e1.5', 'finished', 100)],
          ],
          open: true,
        },
      ],
      { token: TOKEN },
    );
    expect(error).toBeUndefined();
    expect(tasks).toEqual(['not_started 0', 'running 10', 'running 60', 'finished 100']);
    expect(proxy.requests).toEqual([
      {
        url: `${PROXY}/api/generate/status/task-1/events`,
        headers: { accept: 'text/event-stream', authorization: `Bearer ${TOKEN}` },
        at: expect.any(Number),
      },
    ]);
    // The stream the proxy still held open is closed by the client once the task is over.
    expect(proxy.bodies.open).toBe(0);
  });

  it("reconnects after the server's retry with Last-Event-ID, telling nothing twice", async () => {
    const { tasks, times, proxy } = await follow([
      { pieces: [[0, `retry: 7000\n\n${taskEvent('e1.1', 'running', 10)}${taskEvent('e1.2', 'running', 20)}`]] },
      { pieces: [[0, taskEvent('e1.2', 'running', 20) + taskEvent('e1.3', 'finished', 100)]] },
    ]);
    expect(tasks).toEqual(['running 10', 'running 20', 'finished 100']);
    expect(times).toEqual([0, 7000]);
    expect(proxy.requests[1]!.headers['last-event-id']).toBe('e1.2');
  });

  it('backs off on failures in a row, over the retry, and throws the last one after maxRetries', async () => {
    const retries: number[] = [];
    const { error, times } = await follow(['drop', { status: 502 }, 'drop', { status: 503 }], {
      maxRetries: 3,
      onRetry: (event) => retries.push(event.delayMs),
    });
    // 3 s (EventSource's wait before the server says) plus half of 1 s, 2 s, 4 s (random() is 0.5).
    expect(retries).toEqual([3500, 4000, 5000]);
    expect(times).toEqual([0, 3500, 7500, 12_500]);
    expect(error).toMatchObject({ name: 'InternalServerError', status: 503, operation: 'watchTaskEvents' });
  });

  it('takes a silent stream as lost after idleTimeoutMs, and reconnects', async () => {
    const { tasks, times, error } = await follow(
      [
        { pieces: [[0, taskEvent('e1.1', 'running', 10)]], open: true },
        { pieces: [[0, taskEvent('e1.2', 'finished', 100)]] },
      ],
      { idleTimeoutMs: 20_000 },
    );
    expect(error).toBeUndefined();
    expect(tasks).toEqual(['running 10', 'finished 100']);
    expect(times).toEqual([0, 20_000 + 3500]);
  });

  it('polls the status route when the answer is not an event stream, or has no body stream', async () => {
    const json = (status: string, progress: number): ScriptedAnswer => ({
      headers: { 'content-type': 'application/json' },
      pieces: [[0, JSON.stringify({ code: 200, data: { task_id: 'task-1', status, files: [], progress } })]],
    });
    for (const first of [json('running', 5), { noBody: true }] as ScriptedAnswer[]) {
      const { tasks, times, proxy } = await follow(
        [first, json('running', 5), json('running', 5), json('finished', 100)],
        { pollIntervalMs: 2000, token: TOKEN },
      );
      expect(tasks).toEqual(['running 5', 'finished 100']);
      expect(proxy.requests.map((request) => new URL(request.url).pathname)).toEqual([
        '/api/generate/status/task-1/events',
        '/api/generate/status/task-1',
        '/api/generate/status/task-1',
        '/api/generate/status/task-1',
      ]);
      expect(times).toEqual([0, 0, 2000, 4000]);
      expect(proxy.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it("never yields another task's state", async () => {
    const { tasks } = await follow([
      { pieces: [[0, taskEvent('e1.1', 'finished', 100, 'task-2') + taskEvent('e1.2', 'finished', 100)]] },
    ]);
    expect(tasks).toEqual(['finished 100']);
  });

  it('calls onProgress with each task it yields, and onOpen for each stream', async () => {
    const seen: Task[] = [];
    let opened = 0;
    const { tasks } = await follow(
      [{ pieces: [[0, taskEvent('e1.1', 'running', 10)]] }, { pieces: [[0, taskEvent('e1.2', 'finished', 100)]] }],
      { onProgress: (task) => seen.push(task), onOpen: () => opened++ },
    );
    expect(seen.map((task) => `${task.status} ${task.progress}`)).toEqual(tasks);
    expect(opened).toBe(2);
  });
});
