import { describe, expect, it } from 'vitest';
import { proxyHarness } from './support/proxy-harness.ts';

describe('GET /api/generate/status/:taskId', () => {
  it("answers with Vidgo's own envelope and its documented fields only", async () => {
    const { simulator, request } = proxyHarness();
    const id = simulator.createTask({
      extra: { eta_seconds: 12, callback_url: 'https://app.example/hook?secret=s3cr3t' },
    });
    const response = await request(`/api/generate/status/${id}`);
    expect(response.status).toBe(200);
    const { eta_seconds: _eta, callback_url: _callback, ...documented } = simulator.getTask(id)!;
    expect(await response.json()).toStrictEqual({ code: 200, data: documented });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('remembers a missing id for a few seconds: a retrying viewer costs one upstream call', async () => {
    const { request, clock, upstreamRequests } = proxyHarness();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await request('/api/generate/status/task-missing')).status).toBe(404);
    expect(upstreamRequests('task-missing')).toBe(1);
    await clock.advance(5000);
    expect((await request('/api/generate/status/task-missing')).status).toBe(404);
    expect(upstreamRequests('task-missing')).toBe(2);
  });

  it('shares one upstream call among concurrent requests for one id', async () => {
    const { simulator, request, upstreamRequests } = proxyHarness({}, {});
    const id = simulator.createTask();
    simulator.inject({ type: 'latency', ms: 200 });
    const answers = Promise.all(Array.from({ length: 20 }, () => request(`/api/generate/status/${id}`)));
    await simulator.advance(200);
    expect((await answers).map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(upstreamRequests(id)).toBe(1);
  });

  it('serves finished and failed tasks from its cache, running ones never', async () => {
    const { simulator, request, clock, upstreamRequests } = proxyHarness();
    const running = simulator.createTask({ durationMs: 600_000 });
    const finished = simulator.createTask({ queuedMs: 0, durationMs: 1000 });
    const failed = simulator.createTask({ queuedMs: 0, durationMs: 1000, outcome: 'failed' });
    await clock.advance(2000);
    for (let round = 0; round < 3; round++) {
      for (const id of [running, finished, failed])
        expect((await request(`/api/generate/status/${id}`)).status).toBe(200);
    }
    expect([upstreamRequests(running), upstreamRequests(finished), upstreamRequests(failed)]).toEqual([3, 1, 1]);
  });

  it('keeps a cached task no longer than its file URLs live', async () => {
    const { simulator, request, clock, upstreamRequests } = proxyHarness();
    const id = simulator.createTask({ queuedMs: 0, durationMs: 1000 });
    await clock.advance(2000);
    await request(`/api/generate/status/${id}`);
    await clock.advance(23 * 3_600_000);
    await request(`/api/generate/status/${id}`);
    expect(upstreamRequests(id)).toBe(2);
  });

  it.each([
    ['an encoded slash', '..%2Fsubmit'],
    ['a dot', 'task.1'],
    ['a control character', 'task%0Aevil'],
    ['a blank id', '%20%20'],
    ['an oversize id', 'x'.repeat(129)],
  ])('refuses %s with 400 before anything goes upstream', async (_, id) => {
    const { request, upstreamRequests } = proxyHarness();
    const response = await request(`/api/generate/status/${id}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: 'Invalid task id' });
    expect(upstreamRequests()).toBe(0);
  });

  it.each([
    [{ type: 'status', status: 404 }, 404, 'Task not found'],
    [{ type: 'status', status: 403 }, 403, 'The task belongs to another account'],
    [
      { type: 'status', status: 401 },
      502,
      "The proxy's Vidgo API key was refused: a problem of the proxy, not of your request",
    ],
    [{ type: 'status', status: 502, body: 'html' }, 502, 'Vidgo could not be reached or answered with an error'],
    [{ type: 'drop' }, 502, 'Vidgo could not be reached or answered with an error'],
    [{ type: 'malformed' }, 502, 'Vidgo could not be reached or answered with an error'],
  ] as const)('maps upstream %j to %i', async (fault, status, detail) => {
    const { simulator, request, run } = proxyHarness();
    const id = simulator.createTask();
    simulator.inject({ ...fault, times: Infinity });
    const response = await run(request(`/api/generate/status/${id}`));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ detail });
  });

  it('passes a 429 on with Retry-After instead of holding the request', async () => {
    const { simulator, request, clock } = proxyHarness();
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 30 });
    const start = clock.now();
    const response = await request(`/api/generate/status/${id}`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(clock.now()).toBe(start);
  });

  it.each(['..', '%2E%2E', '.%2e'])('resolves the dot segment %s away: no route, nothing upstream', async (id) => {
    const { request, upstreamRequests } = proxyHarness();
    const response = await request(`/api/generate/status/${id}`);
    expect(response.status).toBe(404);
    expect(upstreamRequests()).toBe(0);
  });

  it('answers 504 when Vidgo hangs', async () => {
    const { simulator, request, run } = proxyHarness();
    const id = simulator.createTask();
    simulator.inject({ type: 'hang', times: Infinity });
    const response = await run(request(`/api/generate/status/${id}`));
    expect(response.status).toBe(504);
  });

  it('says that its own key was refused, in the log', async () => {
    const { simulator, request, run, logs } = proxyHarness();
    simulator.inject({ type: 'status', status: 401 });
    await run(request('/api/generate/status/t'));
    expect(logs.join('\n')).toMatch(/refused the proxy's API key/);
  });
});
