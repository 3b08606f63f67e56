import { describe, expect, it } from 'vitest';
import { createProxyMetrics, type ProxyMetrics } from '../../src/ops/proxy-metrics.ts';
import { REFUSAL_REASONS } from '../../src/ops/refusal-reasons.ts';
import { proxyHarness, readEvents } from '../support/proxy-harness.ts';
import { labelValues, sample } from './exposition.ts';

const PROXY_TOKEN = 'proxy-token-metrics-5c7e9a1b3d';
const bearer = { authorization: `Bearer ${PROXY_TOKEN}` };
const STATUS_ROUTE = '/api/generate/status/:task_id';

function measuredProxy(env: Record<string, string> = {}) {
  const metrics: ProxyMetrics = createProxyMetrics();
  const proxy = proxyHarness({ PROXY_TOKEN, ...env }, {}, { metrics });
  const scrape = async () => {
    const response = await proxy.request('/metrics', { headers: bearer });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  return { ...proxy, metrics, scrape };
}

describe('GET /metrics counts what operators watch', () => {
  it('upstream calls by route and answer status, and status reads by what answered them', async () => {
    const proxy = measuredProxy();
    const id = proxy.simulator.createTask({ queuedMs: 0, durationMs: 1 });
    await proxy.clock.advance(10);
    const ask = (taskId: string) => proxy.request(`/api/generate/status/${taskId}`, { headers: bearer });
    const read = (taskId: string) => proxy.run(ask(taskId));
    // Two at once share one call; then the finished task is cached; a missing id is remembered.
    const [first, second] = await proxy.run(Promise.all([ask(id), ask(id)]));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await read(id)).status).toBe(200);
    expect((await read('task-missing')).status).toBe(404);
    expect((await read('task-missing')).status).toBe(404);

    const text = await proxy.scrape();
    const upstream = (status: string) =>
      sample(text, 'vidgo_proxy_upstream_requests_total', { route: STATUS_ROUTE, status });
    expect(upstream('200')).toBe(1);
    expect(upstream('404')).toBe(1);
    expect(sample(text, 'vidgo_proxy_cache_misses_total')).toBe(2);
    expect(sample(text, 'vidgo_proxy_cache_hits_total', { cache: 'in_flight' })).toBe(1);
    expect(sample(text, 'vidgo_proxy_cache_hits_total', { cache: 'terminal' })).toBe(1);
    expect(sample(text, 'vidgo_proxy_cache_hits_total', { cache: 'not_found' })).toBe(1);
    // What reached the simulator is what the counter says.
    expect(proxy.upstreamRequests()).toBe(2);
  });

  it('an upstream call that got no answer counts as error', async () => {
    const proxy = measuredProxy();
    const id = proxy.simulator.createTask();
    proxy.simulator.inject({ type: 'drop', times: Infinity });
    expect((await proxy.run(proxy.request(`/api/generate/status/${id}`, { headers: bearer }))).status).toBe(502);
    const text = await proxy.scrape();
    // The status client retries once: two calls, neither answered.
    expect(sample(text, 'vidgo_proxy_upstream_requests_total', { route: STATUS_ROUTE, status: 'error' })).toBe(2);
  });

  it('refused requests by reason, each series present from the start', async () => {
    const proxy = measuredProxy({ RATE_LIMIT_PER_MINUTE: '3', MAX_STREAMS_PER_CLIENT: '1' });
    // Read in process: a scrape over HTTP would take from the same principal's small budget.
    const before = await proxy.metrics.render();
    for (const reason of REFUSAL_REASONS)
      expect(sample(before, 'vidgo_proxy_refused_requests_total', { reason }), reason).toBe(0);

    expect((await proxy.request('/api/generate/status/bad%20id', { headers: bearer })).status).toBe(400);
    expect((await proxy.request('/api/generate/status/task-1')).status).toBe(401);
    expect(
      (await proxy.request('/api/generate/status/task-1', { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    const id = proxy.simulator.createTask({ model: 'sora-2', durationMs: 600_000 });
    const stream = await proxy.run(proxy.request(`/api/generate/status/${id}/events`, { headers: bearer }));
    expect(stream.status).toBe(200);
    expect((await proxy.request(`/api/generate/status/${id}/events`, { headers: bearer })).status).toBe(429);
    await stream.body!.cancel();
    // Three a minute: the two streams took two, so the second read here is one too many.
    const statuses = [];
    for (let i = 0; i < 2; i++)
      statuses.push((await proxy.request(`/api/generate/status/${id}`, { headers: bearer })).status);
    expect(statuses).toEqual([200, 429]);

    const text = await proxy.metrics.render();
    const refused = (reason: string) => sample(text, 'vidgo_proxy_refused_requests_total', { reason });
    expect(refused('invalid_task_id')).toBe(1);
    expect(refused('missing_credential')).toBe(1);
    expect(refused('bad_credential')).toBe(1);
    expect(refused('stream_cap')).toBe(1);
    expect(refused('rate_limit')).toBe(1);
    expect(labelValues(text, 'vidgo_proxy_refused_requests_total').sort()).toEqual([...REFUSAL_REASONS].sort());
  });

  it('open streams and watched tasks while viewers watch, none after they leave', async () => {
    const proxy = measuredProxy();
    const ids = [0, 1].map(() => proxy.simulator.createTask({ model: 'sora-2', durationMs: 600_000 }));
    const open = (id: string) => proxy.run(proxy.request(`/api/generate/status/${id}/events`, { headers: bearer }));
    const streams = [await open(ids[0]!), await open(ids[0]!), await open(ids[1]!)];
    const during = await proxy.scrape();
    expect(sample(during, 'vidgo_proxy_open_streams')).toBe(3);
    expect(sample(during, 'vidgo_proxy_watched_tasks')).toBe(2);
    await Promise.all(streams.map((stream) => stream.body!.cancel()));
    await proxy.clock.advance(10_000);
    const after = await proxy.scrape();
    expect(sample(after, 'vidgo_proxy_open_streams')).toBe(0);
    expect(sample(after, 'vidgo_proxy_watched_tasks')).toBe(0);
  });

  it('names no task, token or address in any label', async () => {
    const proxy = measuredProxy();
    const id = proxy.simulator.createTask({ queuedMs: 0, durationMs: 1 });
    await proxy.clock.advance(10);
    await proxy.run(readEvents(await proxy.request(`/api/generate/status/${id}/events`, { headers: bearer })));
    await proxy.request('/api/generate/status/task-1', { headers: { 'x-client-address': '203.0.113.7' } });
    const text = await proxy.scrape();
    for (const secret of [id, PROXY_TOKEN, '203.0.113.7', '127.0.0.1']) expect(text).not.toContain(secret);
  });
});

describe('the shared mode plugs into the same metrics', () => {
  it('leases held, takeovers and the Redis mode read from its callbacks at each scrape', async () => {
    const proxy = measuredProxy();
    const local = await proxy.scrape();
    expect(sample(local, 'vidgo_proxy_leases_held')).toBe(0);
    expect(sample(local, 'vidgo_proxy_lease_takeovers_total')).toBe(0);
    expect(sample(local, 'vidgo_proxy_redis_mode', { mode: 'local' })).toBe(1);

    let leases = 3;
    let mode: 'shared' | 'degraded' = 'shared';
    let takeovers = 2;
    proxy.metrics.observeLeasesHeld(() => leases);
    proxy.metrics.observeRedisMode(() => mode);
    proxy.metrics.observeTakeovers(() => takeovers);
    proxy.metrics.takeover();
    const shared = await proxy.scrape();
    expect(sample(shared, 'vidgo_proxy_leases_held')).toBe(3);
    expect(sample(shared, 'vidgo_proxy_lease_takeovers_total')).toBe(3);
    expect(sample(shared, 'vidgo_proxy_redis_mode', { mode: 'shared' })).toBe(1);
    expect(sample(shared, 'vidgo_proxy_redis_mode', { mode: 'local' })).toBe(0);

    leases = 0;
    mode = 'degraded';
    takeovers = 5;
    const degraded = await proxy.scrape();
    expect(sample(degraded, 'vidgo_proxy_leases_held')).toBe(0);
    expect(sample(degraded, 'vidgo_proxy_lease_takeovers_total')).toBe(6);
    expect(sample(degraded, 'vidgo_proxy_redis_mode', { mode: 'degraded' })).toBe(1);
    expect(sample(degraded, 'vidgo_proxy_redis_mode', { mode: 'shared' })).toBe(0);
  });
});
