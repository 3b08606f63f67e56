import { VirtualClock } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { type Task, watchTaskEvents, type WatchTaskEventsOptions } from '../../src/index.ts';
import { type ScriptedAnswer, scriptedProxy, taskEvent } from './support/scripted-proxy.ts';

const PROXY = 'https://proxy.example';
const TOKEN = 'tok.en-secret-123';

/** Follows task-1 through the scripted answers on virtual time; what was yielded, or what was thrown. */
async function follow(answers: ScriptedAnswer[], options: WatchTaskEventsOptions = {}) {
  const clock = new VirtualClock();
  const proxy = scriptedProxy(clock, answers);
  const start = clock.now();
  const tasks: string[] = [];
  let error: unknown;
  try {
    await clock.run(
      (async () => {
        const events = watchTaskEvents(PROXY, 'task-1', { fetch: proxy.fetch, clock, random: () => 0.5, ...options });
        for await (const task of events) tasks.push(`${task.status} ${task.progress}`);
      })(),
    );
  } catch (caught) {
    error = caught;
  }
  const times = proxy.requests.map((request) => request.at - start);
  return { tasks, error, times, proxy, clock };
}

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

  it.each([
    [401, 'AuthenticationError'],
    [403, 'PermissionDeniedError'],
    [404, 'NotFoundError'],
    [429, 'RateLimitError'],
  ])('stops at once on a %i, with its class', async (status, name) => {
    const answer = {
      status,
      headers: { 'content-type': 'application/json', 'retry-after': '10' },
      pieces: [[0, `{"detail":"no (${TOKEN})"}`]] as [number, string][],
    };
    const { error, times } = await follow([answer], { token: TOKEN });
    expect(error).toMatchObject({ name, status, taskId: 'task-1', body: { detail: 'no ([redacted])' } });
    if (status === 429) expect(error).toMatchObject({ retryAfterMs: 10_000 });
    expect(times).toEqual([0]);
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
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

  it('ends with a WatchFailedError when the proxy gives up; reconnects when it hit its own time limit', async () => {
    const failed = await follow([
      {
        pieces: [[0, `${taskEvent('e1.1', 'running', 10)}event: watch-failed\ndata: {"detail":"Vidgo is down"}\n\n`]],
      },
    ]);
    expect(failed.error).toMatchObject({
      name: 'WatchFailedError',
      code: 'watch_failed',
      taskId: 'task-1',
      detail: 'Vidgo is down',
    });
    expect(String(failed.error)).toContain('Vidgo is down');
    expect(failed.tasks).toEqual(['running 10']);

    const timedOut = await follow([
      { pieces: [[0, `${taskEvent('e1.1', 'running', 10)}event: watch-failed\ndata: {"code":"wait_timeout"}\n\n`]] },
      { pieces: [[0, taskEvent('e2.1', 'finished', 100)]] },
    ]);
    expect(timedOut.error).toBeUndefined();
    expect(timedOut.tasks).toEqual(['running 10', 'finished 100']);
  });

  it("never yields another task's state", async () => {
    const { tasks } = await follow([
      { pieces: [[0, taskEvent('e1.1', 'finished', 100, 'task-2') + taskEvent('e1.2', 'finished', 100)]] },
    ]);
    expect(tasks).toEqual(['finished 100']);
  });

  it('an abort ends it with the reason, closing the stream and leaving no timer', async () => {
    const controller = new AbortController();
    const reason = new Error('left the page');
    const clock = new VirtualClock();
    const proxy = scriptedProxy(clock, [{ pieces: [[0, taskEvent('e1.1', 'running', 10)]], open: true }]);
    const events = watchTaskEvents(PROXY, 'task-1', { fetch: proxy.fetch, clock, signal: controller.signal });
    await expect(clock.run(events.next())).resolves.toMatchObject({ value: { status: 'running' } });
    const next = events.next();
    await clock.advance(1000);
    controller.abort(reason);
    await expect(next).rejects.toBe(reason);
    expect(proxy.bodies.open).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an abort before the first step sends nothing', async () => {
    const reason = new Error('gone already');
    const { error, proxy } = await follow([{ pieces: [[0, taskEvent('e1.1', 'running', 10)]] }], {
      signal: AbortSignal.abort(reason),
    });
    expect(error).toBe(reason);
    expect(proxy.requests).toEqual([]);
  });

  it('an error body that never ends is cut after idleTimeoutMs: the 4xx still arrives typed, at once', async () => {
    const { error, times } = await follow([{ status: 404, pieces: [[0, '{"detail":']], open: true }], {
      idleTimeoutMs: 5000,
    });
    expect(error).toMatchObject({ name: 'NotFoundError', status: 404, rawBody: '' });
    expect(times).toEqual([0]);
  });

  it('leaving the loop closes the stream', async () => {
    const clock = new VirtualClock();
    const proxy = scriptedProxy(clock, [{ pieces: [[0, taskEvent('e1.1', 'running', 10)]], open: true }]);
    await clock.run(
      (async () => {
        for await (const task of watchTaskEvents(PROXY, 'task-1', { fetch: proxy.fetch, clock })) {
          expect([task.status, proxy.bodies.open]).toEqual(['running', 1]);
          break;
        }
      })(),
    );
    expect(proxy.bodies.open).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses bad input before any request, quoting no token', async () => {
    const bad: [string, string, WatchTaskEventsOptions, string][] = [
      [PROXY, '..', {}, 'InvalidTaskIdError'],
      ['ftp://proxy', 'task-1', {}, 'ConfigurationError'],
      [PROXY, 'task-1', { token: 'secret\nx' }, 'ConfigurationError'],
      [PROXY, 'task-1', { maxRetries: -1 }, 'ConfigurationError'],
      [PROXY, 'task-1', { idleTimeoutMs: 0 }, 'ConfigurationError'],
    ];
    const clock = new VirtualClock();
    const proxy = scriptedProxy(clock, []);
    for (const [url, id, options, name] of bad) {
      const error = await watchTaskEvents(url, id, { fetch: proxy.fetch, ...options })
        .next()
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name, operation: 'watchTaskEvents' });
      expect(String(error)).not.toContain('secret');
    }
    expect(proxy.requests).toEqual([]);
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
