// TaskWatcher: when the alarms stop, what survives eviction, and how failures reach the viewers.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, openWebSocket, summary } from './support/subscribers.ts';
import { TestTaskWatcher } from './support/test-worker.ts';
import { freshId, resetWatcherOptions, useSimulator, watcherOptions } from './support/upstream.ts';
import { pollsOf, refusal, snapshot, storedKeys, watcherOf } from './support/watchers.ts';

function watchedTask(script: Parameters<ReturnType<typeof useSimulator>['createTask']>[0] = {}) {
  const simulator = useSimulator();
  const id = simulator.createTask({
    id: freshId(),
    queuedMs: 1000,
    durationMs: 20_000,
    progress: 'stepwise',
    ...script,
  });
  const path = `/watch?taskId=${encodeURIComponent(id)}`;
  return { simulator, id, path, stub: watcherOf(id), polls: () => pollsOf(simulator, id) };
}

afterEach(() => resetWatcherOptions());

describe('TaskWatcher: when polling stops', () => {
  it('stops at the terminal task: no alarm, nothing stored, and a late viewer is told without a poll', async () => {
    const { simulator, id, path, stub, polls } = watchedTask({ queuedMs: 0, durationMs: 5000 });
    const viewer = await openEventStream(stub, path);
    await viewer.next();
    await simulator.advance(6000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(summary(await viewer.next())).toBe('finished 100');
    await viewer.ended;
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await storedKeys(stub)).toEqual([]);
    expect(await snapshot(stub)).toMatchObject({ taskId: id, task: { status: 'finished' }, state: null, alarm: null });
    const late = await openWebSocket(stub, path);
    expect(summary(await late.next())).toBe('finished 100');
    expect(await late.ended).toBe(1000);
    expect(polls()).toBe(2);
  });
});

describe('TaskWatcher: what survives eviction', () => {
  it('persists the wait state after each poll; a new instance resumes it over the hibernated sockets', async () => {
    const { simulator, id, path, stub, polls } = watchedTask();
    const viewer = await openWebSocket(stub, path);
    expect(summary(await viewer.next())).toBe('not_started 0');
    const stored = await runInDurableObject(stub, (_instance, state) =>
      state.storage.get<{ wait: { startedAt: number; deadline: number; attempts: number } }>('watch'),
    );
    expect(stored!.wait).toMatchObject({ taskId: id, attempts: 1, status: 'not_started' });
    await simulator.advance(11_000);
    // What runs after eviction or hibernation: a new instance over the same storage and sockets.
    await runInDurableObject(stub, async (_instance, state) => {
      await new TestTaskWatcher(state, env).alarm();
    });
    expect(summary(await viewer.next())).toBe('running 45');
    const carriedOn = await runInDurableObject(stub, (_instance, state) =>
      state.storage.get<{ wait: object; sequence: number }>('watch'),
    );
    expect(carriedOn!.wait).toMatchObject({
      startedAt: stored!.wait.startedAt,
      deadline: stored!.wait.deadline,
      attempts: 2,
      status: 'running',
      progress: 45,
    });
    expect(carriedOn!.sequence).toBe(2);
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
    expect(polls()).toBe(2);
  });
});

describe('TaskWatcher: failures', () => {
  it('keeps its viewers through server errors, backing off, and honours Retry-After', async () => {
    const { simulator, path, stub, polls } = watchedTask();
    const viewer = await openEventStream(stub, path);
    await viewer.next();
    simulator.inject({ type: 'status', status: 503 });
    simulator.inject({ type: 'status', status: 429, retryAfter: 300 });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await snapshot(stub)).state).toMatchObject({ failures: 1 });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const { state, alarm } = await snapshot(stub);
    expect(state).toMatchObject({ failures: 2, attempts: 3 });
    // 300 s from the 429, over the schedule's ceiling (120 s in these tests).
    expect(alarm! - Date.now()).toBeGreaterThan(295_000);
    expect(viewer.pings).toBe(2);
    await simulator.advance(11_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(summary(await viewer.next())).toBe('running 45');
    expect((await snapshot(stub)).state).toMatchObject({ failures: 0 });
    expect(polls()).toBe(4);
  });

  it('says `watch-failed` and stops on a mid-watch error no retry fixes; a later viewer gets the status', async () => {
    const { simulator, id, path, stub, polls } = watchedTask();
    const [sse, socket] = [await openEventStream(stub, path), await openWebSocket(stub, path)];
    await Promise.all([sse.next(), socket.next()]);
    simulator.inject({ type: 'status', status: 404, taskId: id });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const failed = { type: 'watch-failed', code: 'not_found', detail: 'Task not found' };
    expect([await sse.next(), await socket.next()]).toEqual([failed, failed]);
    expect(await socket.ended).toBe(1011);
    await sse.ended;
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await storedKeys(stub)).toEqual([]);
    simulator.inject({ type: 'status', status: 404, taskId: id });
    expect(await refusal(stub, path)).toEqual([404, null, { detail: 'Task not found' }]);
    expect(polls()).toBe(3);
  });

  it('names the failure event `watch-failed` on the wire, never `error`', async () => {
    Object.assign(watcherOptions, { timeoutMs: 10 });
    const { path, stub } = watchedTask();
    const response = await stub.fetch(`https://watcher${path}`);
    expect(response.status).toBe(200);
    // The deadline is past before the first alarm: that alarm ends the watch.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runDurableObjectAlarm(stub);
    const text = await response.text();
    expect(text).toMatch(
      /^event: watch-failed\ndata: \{"code":"wait_timeout","detail":"Still running; reconnect to keep watching"\}$/m,
    );
    expect(text).not.toMatch(/^event: error/m);
  });

  it('tells the viewers to reconnect when a watch outlives its deadline (real alarms)', async () => {
    Object.assign(watcherOptions, { timeoutMs: 1500 });
    const { path, stub, polls } = watchedTask({ durationMs: 3_600_000 });
    const viewer = await openEventStream(stub, path);
    expect(summary(await viewer.next())).toBe('not_started 0');
    // The last poll goes out a second before the deadline, and the deadline's alarm ends the watch.
    expect(await viewer.next(5000)).toEqual({
      type: 'watch-failed',
      code: 'wait_timeout',
      detail: 'Still running; reconnect to keep watching',
    });
    await viewer.ended;
    expect(polls()).toBe(2);
    expect(await storedKeys(stub)).toEqual([]);
  });
});

describe('TaskWatcher: routes', () => {
  it('answers bad requests before watching anything', async () => {
    const { id, stub } = watchedTask();
    const call = async (path: string, init?: RequestInit) => {
      const response = await stub.fetch(`https://watcher${path}`, init);
      return [response.status, await response.json()];
    };
    expect(await call('/watch')).toEqual([400, { code: 'invalid_task_id', detail: 'Invalid task id' }]);
    expect(await call('/watch?taskId=..')).toEqual([400, { code: 'invalid_task_id', detail: 'Invalid task id' }]);
    expect(await call(`/watch?taskId=${id}`, { method: 'POST' })).toEqual([405, { detail: 'Method not allowed' }]);
    expect(await call('/nothing-here')).toEqual([
      404,
      expect.objectContaining({ detail: expect.stringContaining('GET /watch?taskId=') }),
    ]);
    expect(await call('/state')).toEqual([
      200,
      { taskId: null, task: null, state: null, subscribers: { webSockets: 0, eventStreams: 0 }, alarm: null },
    ]);
    const viewer = await openEventStream(stub, `/watch?taskId=${id}`);
    await viewer.next();
    expect(await call('/watch?taskId=another-task')).toEqual([409, expect.objectContaining({ code: 'conflict' })]);
    // The Worker's route checks the id before addressing a Durable Object.
    const viaWorker = await exports.default.fetch('https://worker.example/api/generate/status/%20/events');
    expect([viaWorker.status, await viaWorker.json()]).toEqual([
      400,
      { code: 'invalid_task_id', detail: 'Invalid task id' },
    ]);
  });

  it('polls at once on POST /refresh (a callback arrived) while someone watches, and not otherwise', async () => {
    const { simulator, path, stub, polls } = watchedTask();
    expect((await stub.fetch('https://watcher/refresh', { method: 'POST' })).status).toBe(200);
    expect(polls()).toBe(0);
    const viewer = await openWebSocket(stub, path);
    await viewer.next();
    await simulator.advance(11_000);
    const answer = await stub.fetch('https://watcher/refresh', { method: 'POST' });
    expect(await answer.json()).toMatchObject({
      task: { status: 'running', progress: 45 },
      subscribers: { webSockets: 1 },
    });
    expect(summary(await viewer.next())).toBe('running 45');
    expect(polls()).toBe(2);
  });
});
