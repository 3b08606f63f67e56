import { describe, expect, it } from 'vitest';
import { NotFoundError, TaskFailedError, WaitTimeoutError, type Task } from '../../src/index.ts';
import { settle, simulatedVidgo, useMsw } from '../support/simulated-vidgo.ts';

useMsw();

describe('waitForTask', () => {
  it('returns the finished task, having reported each change once', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ model: 'gpt-image-2', queuedMs: 1000, durationMs: 30_000, files: 2 });
    const seen: Task[] = [];
    const task = await run(client.waitForTask(id, { model: 'gpt-image-2', onProgress: (task) => seen.push(task) }));
    expect(task).toMatchObject({ task_id: id, status: 'finished', progress: 100 });
    expect(task.files).toHaveLength(2);
    expect(seen[0]?.status).toBe('not_started');
    expect(seen.at(-1)).toEqual(task);
    const pairs = seen.map((task) => `${task.status}:${task.progress}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('throws TaskFailedError with the task and its error message', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ outcome: 'failed', errorMessage: 'The prompt violates our content policy' });
    const { error } = await settle(run(client.waitForTask(id)));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({
      code: 'task_failed',
      taskId: id,
      errorMessage: 'The prompt violates our content policy',
      task: { task_id: id, status: 'failed' },
    });
    expect((error as Error).message).toContain('The prompt violates our content policy');
  });

  it('fails at once on errors that waiting cannot fix', async () => {
    const { client, run, requestCount } = simulatedVidgo();
    await expect(run(client.waitForTask('task-unified-0-missing'))).rejects.toBeInstanceOf(NotFoundError);
    expect(requestCount()).toBe(1);
  });

  it('fails at once on an invalid task id or a bad option, sending nothing', async () => {
    const { client, run, requestCount, clock } = simulatedVidgo();
    const start = clock.now();
    await expect(run(client.waitForTask('..'))).rejects.toMatchObject({ name: 'InvalidTaskIdError' });
    expect(clock.now()).toBe(start);
    expect(requestCount()).toBe(0);
  });

  it('never polls faster than minIntervalMs', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ progress: 'none', durationMs: 40_000 });
    await run(client.waitForTask(id, { minIntervalMs: 3000 }));
    const times = simulator.requests.map((request) => request.at);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3000);
  });

  it('never sleeps longer than maxIntervalMs', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 280_000, progress: 'none' });
    await run(client.waitForTask(id, { model: 'sora-2', maxIntervalMs: 10_000 }));
    const times = simulator.requests.map((request) => request.at);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
  });

  it('notices the finish within two seconds, with far fewer requests than polling every two seconds', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const start = clock.now();
    const id = simulator.createTask({ model: 'sora-2', queuedMs: 2000, durationMs: 200_000, progress: 'linear' });
    await run(client.waitForTask(id, { model: 'sora-2' }));
    expect(clock.now() - (start + 202_000)).toBeLessThanOrEqual(2000);
    expect(simulator.requests.length).toBeLessThanOrEqual(10);
  });

  it('leaves no timer behind', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask();
    await run(client.waitForTask(id));
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('waitForTask deadline', () => {
  it('places the last poll just before the deadline, then throws WaitTimeoutError', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 600_000, progress: 'none' });
    const start = clock.now();
    const { error } = await settle(run(client.waitForTask(id, { model: 'sora-2', timeoutMs: 120_000 })));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const last = simulator.requests.at(-1)!.at - start;
    expect(last).toBeGreaterThan(118_000);
    expect(last).toBeLessThan(120_000);
    expect(error).toMatchObject({ code: 'wait_timeout', taskId: id, lastTask: { status: 'running' } });
    expect((error as WaitTimeoutError).elapsedMs).toBeLessThanOrEqual(120_000);
    expect((error as Error).message).toMatch(/may still finish/);
    expect(clock.pendingTimers).toBe(0);
  });

  it('cuts a sleep that would pass the deadline short, for one last poll', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ durationMs: 600_000, progress: 'none' });
    const start = clock.now();
    const { error } = await settle(run(client.waitForTask(id, { timeoutMs: 5000, minIntervalMs: 60_000 })));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(simulator.requests.map((request) => request.at - start)).toEqual([0, 4000]);
    expect(clock.now() - start).toBeLessThanOrEqual(5000);
  });

  it('returns the task when that last poll finds it finished', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ queuedMs: 0, durationMs: 3500, progress: 'none' });
    const task = await run(client.waitForTask(id, { timeoutMs: 5000, minIntervalMs: 60_000 }));
    expect(task.status).toBe('finished');
  });

  it('ends a request that hangs past the deadline', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'hang', times: Infinity });
    const start = clock.now();
    const { error } = await settle(run(client.waitForTask(id, { timeoutMs: 10_000 })));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).lastTask).toBeUndefined();
    expect(clock.now() - start).toBe(10_000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps waiting, backing off, through unknown statuses until the deadline', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ extra: { status: 'upscaling' } });
    const start = clock.now();
    const { error } = await settle(run(client.waitForTask(id, { timeoutMs: 120_000 })));
    expect(error).toMatchObject({ name: 'WaitTimeoutError', lastTask: { status: 'upscaling' } });
    const times = simulator.requests.map((request) => request.at - start);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(gaps.slice(0, 5)).toEqual([2000, 4000, 8000, 16_000, 32_000]);
    expect(times.length).toBeLessThan(12);
  });
});

describe('waitForTask under throttling and errors', () => {
  it('rides out a 429 storm, honouring Retry-After and reporting each throttle', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { maxRetries: 0 });
    const id = simulator.createTask({ durationMs: 20_000 });
    simulator.inject({ type: 'status', status: 429, retryAfter: 5, times: 6 });
    const throttles: number[] = [];
    const retries: number[] = [];
    const start = clock.now();
    const task = await run(
      client.waitForTask(id, {
        onThrottle: (event) => throttles.push(event.delayMs),
        onRetry: (event) => retries.push(event.delayMs),
      }),
    );
    expect(task.status).toBe('finished');
    expect(throttles.slice(0, 6)).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
    expect(retries).toEqual([]);
    const times = simulator.requests.map((request) => request.at - start);
    expect(times.slice(0, 7)).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
  });

  it('backs off through server errors and reports the retries', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 0 });
    const id = simulator.createTask({ durationMs: 20_000 });
    simulator.inject({ type: 'status', status: 503, times: 3 });
    const retries: number[] = [];
    const task = await run(client.waitForTask(id, { onRetry: (event) => retries.push(event.delayMs) }));
    expect(task.status).toBe('finished');
    expect(retries).toEqual([2000, 4000, 8000]);
  });

  it('gives up with the RateLimitError when Retry-After outlasts the deadline', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 0 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 3600 });
    await expect(run(client.waitForTask(id, { timeoutMs: 600_000 }))).rejects.toMatchObject({
      name: 'RateLimitError',
      retryAfterMs: 3_600_000,
    });
    expect(simulator.requests).toHaveLength(1);
  });
});
