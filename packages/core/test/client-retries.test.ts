import { describe, expect, it } from 'vitest';
import { ConnectionError, RateLimitError, RequestTimeoutError, type RetryEvent } from '../src/index.ts';
import { settle, simulatedVidgo, useMsw } from './support/simulated-vidgo.ts';

useMsw();

describe('getTask retries', () => {
  it('backs off exponentially with full jitter: up to 1 s, 2 s, 4 s, 8 s', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { random: () => 0.999 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 503, times: 4 });
    const events: RetryEvent[] = [];
    const start = clock.now();
    await run(client.getTask(id, { onRetry: (event) => events.push(event) }));
    expect(events.map((event) => event.delayMs)).toEqual([999, 1998, 3996, 7992]);
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3, 4]);
    expect(events.every((event) => event.operation === 'getTask' && event.taskId === id)).toBe(true);
    expect(clock.now() - start).toBe(999 + 1998 + 3996 + 7992);
    expect(simulator.requests.map((request) => request.at - start)).toEqual([0, 999, 2997, 6993, 14985]);
  });

  it('spreads retries with jitter: a zero draw retries at once', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { random: () => 0 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 500, times: 2 });
    const start = clock.now();
    await run(client.getTask(id));
    expect(clock.now()).toBe(start);
    expect(simulator.requests).toHaveLength(3);
  });

  it('honours Retry-After in seconds', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 7 });
    const start = clock.now();
    await run(client.getTask(id));
    expect(simulator.requests.map((request) => request.at - start)).toEqual([0, 7000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask();
    const start = clock.now();
    simulator.inject({ type: 'status', status: 503, retryAfter: new Date(start + 12_000).toUTCString() });
    await run(client.getTask(id));
    expect(simulator.requests.map((request) => request.at - start)).toEqual([0, 12_000]);
  });

  it('fails at once with the RateLimitError when Retry-After is beyond maxRetryAfterMs', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { maxRetryAfterMs: 30_000 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 3600 });
    const start = clock.now();
    const { error } = await settle(run(client.getTask(id)));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(clock.now()).toBe(start);
    expect(simulator.requests).toHaveLength(1);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 2 });
    simulator.inject({ type: 'status', status: 429, retryAfter: 1, times: Infinity });
    const { error } = await settle(run(client.getTask('t')));
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfterMs: 1000 });
    expect(simulator.requests).toHaveLength(3);
  });

  it('sends once with maxRetries 0', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 0 });
    simulator.inject({ type: 'status', status: 500, times: Infinity });
    await expect(run(client.getTask('t'))).rejects.toMatchObject({ status: 500 });
    expect(simulator.requests).toHaveLength(1);
  });

  it('retries a dropped connection, and reports ConnectionError with its cause when it persists', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'drop', times: 2 });
    expect((await run(client.getTask(id))).task_id).toBe(id);

    simulator.inject({ type: 'drop', times: Infinity });
    const { error } = await settle(run(client.getTask(id)));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^getTask\(".+"\): could not reach https:\/\/api\.vidgo\.ai/);
  });

  it('times out a hanging answer after timeoutMs, per attempt, and retries it', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { timeoutMs: 5000, random: () => 0 });
    const id = simulator.createTask();
    simulator.inject({ type: 'hang', times: 1 });
    const start = clock.now();
    expect((await run(client.getTask(id))).task_id).toBe(id);
    expect(clock.now() - start).toBe(5000);

    simulator.inject({ type: 'hang', times: Infinity });
    const { error } = await settle(run(client.getTask(id)));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ code: 'request_timeout', taskId: id });
    expect(
      simulator.requests.filter((request) => request.status === 'aborted' || request.status === 'hung'),
    ).toHaveLength(6);
  });

  it('counts a slow body against the timeout', async () => {
    const { client, clock, run } = simulatedVidgo(
      {},
      {
        timeoutMs: 1000,
        maxRetries: 0,
        fetch: async () =>
          new Response(
            new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"code":')) }),
          ),
      },
    );
    const start = clock.now();
    await expect(run(client.getTask('t'))).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(clock.now() - start).toBe(1000);
  });

  it('leaves no timer behind once settled', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 502, times: 2 });
    await run(client.getTask(id));
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('submitTask', () => {
  const request = { model: 'sora-2', input: { prompt: 'a lighthouse at dawn', duration: 8 } };

  it('submits and returns the new task', async () => {
    const { simulator, client } = simulatedVidgo();
    const submitted = await client.submitTask(request);
    expect(submitted).toMatchObject({ status: 'not_started' });
    expect(simulator.getTask(submitted.task_id)?.files).toEqual([]);
    expect(simulator.requests[0]).toMatchObject({ method: 'POST', route: 'submit' });
  });

  it('is retried on 429, honouring Retry-After', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    simulator.inject({ type: 'status', status: 429, retryAfter: 3, route: 'submit' });
    const start = clock.now();
    const submitted = await run(client.submitTask(request));
    expect(submitted.task_id).toBeTruthy();
    expect(simulator.requests.map((entry) => entry.at - start)).toEqual([0, 3000]);
  });

  it.each([
    ['a 500', { type: 'status', status: 500 } as const, 'InternalServerError'],
    ['a 502', { type: 'status', status: 502 } as const, 'InternalServerError'],
    ['a dropped connection', { type: 'drop' } as const, 'ConnectionError'],
    ['a timeout', { type: 'hang' } as const, 'RequestTimeoutError'],
    ['a garbled answer', { type: 'truncated' } as const, 'InvalidResponseError'],
  ])('is never sent twice after %s: the task may exist already', async (_, fault, name) => {
    const { simulator, client, run } = simulatedVidgo();
    simulator.inject({ ...fault, route: 'submit', times: Infinity });
    await expect(run(client.submitTask(request))).rejects.toMatchObject({ name, operation: 'submitTask' });
    expect(simulator.requests).toHaveLength(1);
  });

  it('sends the request as JSON', async () => {
    let sent: { body?: unknown; type?: string | null } = {};
    const { client } = simulatedVidgo(
      {},
      {
        fetch: async (_url, init) => {
          sent = { body: JSON.parse(String(init?.body)), type: new Headers(init?.headers).get('content-type') };
          return Response.json({ code: 200, data: { task_id: 'new' } });
        },
      },
    );
    expect(await client.submitTask({ ...request, callback_url: 'https://app.example/hook/s3cret' })).toEqual({
      task_id: 'new',
    });
    expect(sent).toEqual({
      body: { ...request, callback_url: 'https://app.example/hook/s3cret' },
      type: 'application/json',
    });
  });
});
