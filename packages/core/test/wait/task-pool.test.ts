import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  NotFoundError,
  TaskFailedError,
  TaskPool,
  WaitTimeoutError,
  type TaskResult,
} from '../../src/index.ts';
import { settle, simulatedVidgo, useMsw } from '../support/simulated-vidgo.ts';

useMsw();

async function drain(pool: TaskPool): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  for await (const result of pool.results()) results.push(result);
  return results;
}

/** The most requests seen in any window of one second. */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('TaskPool', () => {
  it('watches many tasks without ever exceeding its request budget, and yields each as it finishes', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({ rateLimit: { requestsPerSecond: 5 } });
    const pool = new TaskPool(client, { maxRequestsPerSecond: 5, clock });
    const ids = Array.from({ length: 60 }, (_, index) =>
      simulator.createTask({ model: index % 2 ? 'sora-2' : 'gpt-image-2', progress: 'linear' }),
    );
    for (const [index, id] of ids.entries())
      void pool.add(id, { model: index % 2 ? 'sora-2' : 'gpt-image-2', submittedAt: clock.now() });
    const results = await run(drain(pool));
    expect(results).toHaveLength(60);
    expect(results.every((result) => result.task?.status === 'finished')).toBe(true);
    expect(simulator.requests.filter((request) => request.status === 429)).toHaveLength(0);
    expect(busiestSecond(simulator.requests.map((request) => request.at))).toBeLessThanOrEqual(5);
    const finishedAt = results.map(
      (result) => simulator.requests.filter((request) => request.taskId === result.taskId).at(-1)!.at,
    );
    expect(finishedAt).toEqual([...finishedAt].sort((a, b) => a - b));
    expect(clock.pendingTimers).toBe(0);
  });

  it('backs every task off together on a 429', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { maxRetries: 0 });
    const pool = new TaskPool(client, { maxRequestsPerSecond: 10, clock });
    const ids = Array.from({ length: 5 }, () => simulator.createTask({ durationMs: 30_000 }));
    simulator.inject({ type: 'status', status: 429, retryAfter: 20 });
    const start = clock.now();
    await run(Promise.all(ids.map((id) => pool.add(id))));
    const times = simulator.requests.map((request) => request.at - start);
    expect(simulator.requests[0]?.status).toBe(429);
    // Nothing at all goes out during the pause the first answer imposed.
    expect(times.filter((time) => time > 0 && time < 20_000)).toEqual([]);
    expect(times.filter((time) => time === 20_000).length).toBeGreaterThan(0);
  });

  it('polls the due task closest to finishing first', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const pool = new TaskPool(client, { maxRequestsPerSecond: 0.1, clock });
    const long = simulator.createTask({ model: 'sora-2' });
    const longer = simulator.createTask({ model: 'sora-2' });
    const short = simulator.createTask({ model: 'gpt-image-2' });
    const submittedAt = clock.now() - 100_000;
    const all = [
      pool.add(long, { model: 'sora-2', submittedAt }),
      pool.add(longer, { model: 'sora-2', submittedAt }),
      pool.add(short, { model: 'gpt-image-2', submittedAt }),
    ];
    await clock.advance(1);
    expect(simulator.requests.map((request) => request.taskId)).toEqual([short]);
    pool.close();
    await Promise.allSettled(all);
  });

  it('watches one id once: adding it again returns the same promise', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const pool = new TaskPool(client, { maxRequestsPerSecond: 10, clock });
    const id = simulator.createTask({ durationMs: 20_000 });
    const first = pool.add(id);
    expect(pool.add(id)).toBe(first);
    expect(pool.size).toBe(1);
    await run(first);
    const times = simulator.requests.map((request) => request.at);
    expect(new Set(times).size).toBe(times.length);
  });

  it('reports failed, missing and overdue tasks as errors, each on its own', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const pool = new TaskPool(client, { maxRequestsPerSecond: 10, clock, timeoutMs: 60_000 });
    const failed = simulator.createTask({ outcome: 'failed', durationMs: 10_000 });
    const slow = simulator.createTask({ durationMs: 3_600_000 });
    const fine = simulator.createTask({ durationMs: 20_000 });
    for (const id of [failed, slow, fine, 'task-unified-0-missing']) void pool.add(id);
    const results = await run(drain(pool));
    const byId = new Map(results.map((result) => [result.taskId, result]));
    expect(byId.get(failed)?.error).toBeInstanceOf(TaskFailedError);
    expect(byId.get(slow)?.error).toBeInstanceOf(WaitTimeoutError);
    // They name the pool, the call that waited, not waitForTask.
    for (const id of [failed, slow]) {
      expect(byId.get(id)?.error).toMatchObject({
        operation: 'TaskPool',
        taskId: id,
        message: expect.stringMatching(new RegExp(`^TaskPool\\("${id}"\\): `)),
      });
    }
    expect(byId.get(fine)?.task?.status).toBe('finished');
    expect(byId.get('task-unified-0-missing')?.error).toBeInstanceOf(NotFoundError);
  });

  it('refuses a budget that is not positive with a ConfigurationError', () => {
    const { client } = simulatedVidgo();
    for (const maxRequestsPerSecond of [0, -1, Number.NaN]) {
      expect(() => new TaskPool(client, { maxRequestsPerSecond })).toThrow(ConfigurationError);
    }
  });

  it('close() rejects every pending wait, sends nothing more and leaves no timer', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const pool = new TaskPool(client, { maxRequestsPerSecond: 10, clock });
    const waits = [simulator.createTask(), simulator.createTask()].map((id) => settle(pool.add(id)));
    await clock.advance(5000);
    const sent = simulator.requests.length;
    pool.close('shutting down');
    expect((await Promise.all(waits)).map((outcome) => outcome.error)).toEqual(['shutting down', 'shutting down']);
    await clock.advance(120_000);
    expect(simulator.requests).toHaveLength(sent);
    expect(clock.pendingTimers).toBe(0);
    await expect(pool.add('another')).rejects.toBe('shutting down');
  });

  it('refuses a budget that is not positive', () => {
    const { client } = simulatedVidgo();
    expect(() => new TaskPool(client, { maxRequestsPerSecond: 0 })).toThrow(/maxRequestsPerSecond/);
  });
});
