import { describe, expect, it } from 'vitest';
import { proxyHarness, readEvents } from './support/proxy-harness.ts';

const SECRET = 'cb_secret_0123456789abcdef';

describe('POST /callbacks/vidgo/:secret', () => {
  const post = (request: ReturnType<typeof proxyHarness>['request'], secret: string, body: unknown) =>
    request(`/callbacks/vidgo/${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each(['envelope', 'flat'] as const)(
    'takes the %s shape as a hint: re-reads the status, then tells the watchers',
    async (shape) => {
      const { simulator, request, run, clock, upstreamRequests } = proxyHarness({ CALLBACK_SECRET: SECRET });
      const id = simulator.createTask({ model: 'sora-2', queuedMs: 0, durationMs: 100_000, progress: 'none' });
      const watching = readEvents(await request(`/api/generate/status/${id}/events`));
      await clock.advance(100_500);
      // The watcher's loop sleeps until its own next poll; the callback brings the news sooner.
      const before = upstreamRequests(id);
      const task = simulator.getTask(id)!;
      const body = shape === 'envelope' ? { code: 200, data: task } : { ...task, progress: undefined };
      const response = await post(request, SECRET, body);
      expect(response.status).toBe(202);
      expect(upstreamRequests(id)).toBe(before + 1);
      const events = await run(watching);
      expect(JSON.parse(events.at(-1)!.data!).status).toBe('finished');
    },
  );

  it('is idempotent: a repeated callback sends no second event', async () => {
    const { simulator, request, run, clock } = proxyHarness({ CALLBACK_SECRET: SECRET });
    const id = simulator.createTask({ model: 'sora-2', queuedMs: 0, durationMs: 100_000, progress: 'none' });
    const watching = readEvents(await request(`/api/generate/status/${id}/events`));
    await clock.advance(100_500);
    const body = { code: 200, data: simulator.getTask(id) };
    await Promise.all([post(request, SECRET, body), post(request, SECRET, body), post(request, SECRET, body)]);
    const events = await run(watching);
    expect(events.filter((event) => JSON.parse(event.data!).status === 'finished')).toHaveLength(1);
  });

  it('does not believe the body: the status it tells is the one Vidgo gives', async () => {
    const { simulator, request, run } = proxyHarness({ CALLBACK_SECRET: SECRET });
    const id = simulator.createTask({ durationMs: 600_000 });
    await post(request, SECRET, {
      task_id: id,
      status: 'finished',
      files: [{ file_url: 'https://evil.example/x.jpg', file_type: 'image' }],
    });
    const response = await run(request(`/api/generate/status/${id}`));
    expect((await response.json()).data.status).not.toBe('finished');
  });

  it('hides itself behind the secret', async () => {
    const { request, upstreamRequests } = proxyHarness({ CALLBACK_SECRET: SECRET });
    expect((await post(request, 'cb_wrong_0123456789abcdef', { task_id: 't', status: 'finished' })).status).toBe(404);
    expect((await post(request, SECRET.slice(0, -1), { task_id: 't', status: 'finished' })).status).toBe(404);
    expect(upstreamRequests()).toBe(0);
    const unset = proxyHarness();
    expect((await post(unset.request, SECRET, { task_id: 't', status: 'finished' })).status).toBe(404);
  });

  it('refuses a body that is not a task', async () => {
    const { request } = proxyHarness({ CALLBACK_SECRET: SECRET });
    expect((await post(request, SECRET, { hello: 'world' })).status).toBe(400);
    const garbage = await request(`/callbacks/vidgo/${SECRET}`, { method: 'POST', body: '{not json' });
    expect(garbage.status).toBe(400);
  });

  it('answers 202 at once, before the re-read it triggers has finished', async () => {
    const { simulator, request, clock, upstreamRequests } = proxyHarness({ CALLBACK_SECRET: SECRET });
    const id = simulator.createTask({ durationMs: 600_000 });
    simulator.inject({ type: 'latency', ms: 5000 });
    // The virtual clock stands still: an answer that waited for Vidgo would never come.
    const response = await post(request, SECRET, { task_id: id, status: 'finished' });
    expect(response.status).toBe(202);
    expect(upstreamRequests(id)).toBe(1);
    await clock.advance(5000);
  });

  it('re-reads afresh even while a status read is in flight, whose answer may predate the news', async () => {
    const { simulator, request, clock, upstreamRequests } = proxyHarness({ CALLBACK_SECRET: SECRET });
    const id = simulator.createTask({ durationMs: 600_000 });
    simulator.inject({ type: 'latency', ms: 2000 });
    const reading = request(`/api/generate/status/${id}`);
    await clock.advance(100);
    expect(upstreamRequests(id)).toBe(1);
    await post(request, SECRET, { task_id: id, status: 'finished' });
    await clock.advance(2000);
    expect(upstreamRequests(id)).toBe(2);
    expect((await reading).status).toBe(200);
  });

  it('accepts the previous secret during a rotation, and no other', async () => {
    const previous = 'cb_previous_0123456789abcdef';
    const { simulator, request } = proxyHarness({ CALLBACK_SECRET: SECRET, CALLBACK_SECRET_PREVIOUS: previous });
    const id = simulator.createTask();
    expect((await post(request, SECRET, { task_id: id, status: 'running' })).status).toBe(202);
    expect((await post(request, previous, { task_id: id, status: 'running' })).status).toBe(202);
    expect((await post(request, 'cb_other_0123456789abcdefgh', { task_id: id, status: 'running' })).status).toBe(404);
  });

  it('has a limit of its own, and refuses an oversized body before any upstream call', async () => {
    const { simulator, request, upstreamRequests } = proxyHarness({
      CALLBACK_SECRET: SECRET,
      CALLBACK_RATE_LIMIT_PER_MINUTE: '2',
    });
    const id = simulator.createTask();
    const huge = await request(`/callbacks/vidgo/${SECRET}`, {
      method: 'POST',
      body: JSON.stringify({ task_id: id, status: 'running', pad: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(400);
    expect(upstreamRequests()).toBe(0);
    expect((await post(request, SECRET, { task_id: id, status: 'running' })).status).toBe(202);
    const limited = await post(request, SECRET, { task_id: id, status: 'running' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(upstreamRequests()).toBe(1);
  });
});
