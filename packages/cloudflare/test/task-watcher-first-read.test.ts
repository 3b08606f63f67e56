// TaskWatcher: the first viewer's request waits for a first poll, and a task that cannot be watched
// is a plain HTTP status, which EventSource takes as final (no reconnecting every 5 s).
import { exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEventStream, summary } from './support/subscribers.ts';
import {
  clientOptions,
  freshId,
  resetWatcherOptions,
  TEST_KEY,
  useSimulator,
  watcherOptions,
} from './support/upstream.ts';
import { pollsOf, refusal, snapshot, storedKeys, watcherOf } from './support/watchers.ts';

// Upstream failures are logged for the operator; the tests below look at what the viewer gets.
beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterEach(() => {
  resetWatcherOptions();
  vi.restoreAllMocks();
});

const NOT_FOUND = [404, null, { detail: 'Task not found' }] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TaskWatcher: the first read', () => {
  it('answers a missing task with a plain 404 on every route; a burst of viewers costs one upstream call', async () => {
    const simulator = useSimulator();
    const id = freshId();
    const stub = watcherOf(id);
    const burst = await Promise.all(Array.from({ length: 5 }, () => refusal(stub, `/watch?taskId=${id}`)));
    expect(burst).toEqual(Array(5).fill(NOT_FOUND));
    expect(await refusal(stub, `/watch?taskId=${id}`, { upgrade: 'websocket' })).toEqual(NOT_FOUND);
    expect(await refusal(exports.default, `/api/generate/status/${id}/events`)).toEqual(NOT_FOUND);
    expect(pollsOf(simulator, id)).toBe(1);
    expect(await snapshot(stub)).toMatchObject({ state: null, alarm: null });
    expect(await storedKeys(stub)).toEqual([]);
  });

  it('asks upstream again once the 404 is forgotten, and watches a task that exists by then', async () => {
    Object.assign(watcherOptions, { negativeCacheMs: 100 });
    const simulator = useSimulator();
    const id = freshId();
    const stub = watcherOf(id);
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual(NOT_FOUND);
    simulator.createTask({ id });
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual(NOT_FOUND);
    expect(pollsOf(simulator, id)).toBe(1);
    await sleep(150);
    const viewer = await openEventStream(stub, `/watch?taskId=${id}`);
    expect(summary(await viewer.next())).toBe('not_started 0');
    expect(pollsOf(simulator, id)).toBe(2);
  });

  it('answers a task of another account with 403, remembered as a 404 is', async () => {
    const simulator = useSimulator();
    const id = simulator.createTask({ id: freshId() });
    simulator.inject({ type: 'status', status: 403, taskId: id });
    const stub = watcherOf(id);
    for (let viewer = 0; viewer < 3; viewer++) {
      expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual([
        403,
        null,
        { detail: 'The task belongs to another account' },
      ]);
    }
    expect(pollsOf(simulator, id)).toBe(1);
  });

  it('blames the service, not the viewer, for upstream 401/5xx (502) or timeout (504); retries next time', async () => {
    const simulator = useSimulator();
    const id = simulator.createTask({ id: freshId() });
    const stub = watcherOf(id);
    const upstreamFailure = [502, null, { detail: 'Vidgo could not be reached or answered with an error' }];
    simulator.inject({ type: 'status', status: 500, taskId: id });
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual(upstreamFailure);
    simulator.inject({ type: 'status', status: 502, body: 'html', taskId: id });
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual(upstreamFailure);
    simulator.inject({ type: 'drop', taskId: id });
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual(upstreamFailure);
    simulator.inject({ type: 'status', status: 401, taskId: id });
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual([
      502,
      null,
      { detail: expect.stringContaining('not of your request') },
    ]);
    expect(pollsOf(simulator, id)).toBe(4);
    expect(await snapshot(stub)).toMatchObject({ state: null, alarm: null });
    // Upstream is back: the next viewer gets a stream.
    const viewer = await openEventStream(stub, `/watch?taskId=${id}`);
    expect(summary(await viewer.next())).toBe('not_started 0');
  });

  it('answers 504 when upstream does not answer within the client timeout', async () => {
    Object.assign(clientOptions, { timeoutMs: 50 });
    const simulator = useSimulator();
    const id = simulator.createTask({ id: freshId() });
    simulator.inject({ type: 'hang', taskId: id });
    expect(await refusal(watcherOf(id), `/watch?taskId=${id}`)).toEqual([
      504,
      null,
      { detail: 'Vidgo did not answer in time' },
    ]);
  });

  it("answers 429 with upstream's Retry-After capped at 60 s, and keeps viewers off upstream meanwhile", async () => {
    const simulator = useSimulator();
    const id = simulator.createTask({ id: freshId() });
    simulator.inject({ type: 'status', status: 429, retryAfter: 300, taskId: id });
    const stub = watcherOf(id);
    expect(await refusal(stub, `/watch?taskId=${id}`)).toEqual([
      429,
      '60',
      { detail: 'Vidgo is rate limiting this service' },
    ]);
    const [status, retryAfter] = await refusal(stub, `/watch?taskId=${id}`, { upgrade: 'websocket' });
    expect([status, Number(retryAfter)]).toEqual([429, expect.closeTo(60, 0)]);
    expect(pollsOf(simulator, id)).toBe(1);
    const short = simulator.createTask({ id: freshId() });
    simulator.inject({ type: 'status', status: 429, retryAfter: 2, taskId: short });
    expect(await refusal(watcherOf(short), `/watch?taskId=${short}`)).toEqual([
      429,
      '2',
      { detail: 'Vidgo is rate limiting this service' },
    ]);
  });

  it('names no secret when the key is refused or missing, and tells the operator', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const simulator = useSimulator();
    const id = simulator.createTask({ id: freshId() });
    Object.assign(clientOptions, { apiKey: 'vk_not_known_to_vidgo_0042' });
    const refused = await refusal(watcherOf(id), `/watch?taskId=${id}`);
    expect(refused[0]).toBe(502);
    Object.assign(clientOptions, { apiKey: '' });
    const other = simulator.createTask({ id: freshId() });
    const missing = await refusal(watcherOf(other), `/watch?taskId=${other}`);
    expect(missing).toEqual([500, null, { detail: 'The task watcher is not configured: see its logs' }]);
    expect(JSON.stringify([refused, missing])).not.toMatch(/vk_not_known_to_vidgo_0042|vk_test|VIDGO_API_KEY/);
    expect(JSON.stringify([refused, missing])).not.toContain(TEST_KEY);
    const log = logged.mock.calls.flat().join('\n');
    expect(log).toMatch(/AuthenticationError: .*401[\s\S]*ConfigurationError: createVidgoClient: no API key/);
    expect(log).not.toContain('vk_not_known_to_vidgo_0042');
  });

  it('streams a task that is already finished, and ends, with no watch left behind', async () => {
    const simulator = useSimulator();
    const id = simulator.createTask({ id: freshId(), queuedMs: 0, durationMs: 0 });
    const stub = watcherOf(id);
    const viewer = await openEventStream(stub, `/watch?taskId=${id}`);
    expect(summary(await viewer.next())).toBe('finished 100');
    await viewer.ended;
    expect(await snapshot(stub)).toMatchObject({ state: null, alarm: null, task: { status: 'finished' } });
    expect(await storedKeys(stub)).toEqual([]);
    expect(pollsOf(simulator, id)).toBe(1);
  });
});
