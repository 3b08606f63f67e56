import { createTaskToken } from '@vidgo-sdk/task-token';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLog } from '../../src/logger.ts';
import { announceMetrics } from '../../src/ops/metrics-address.ts';
import { metricsOnlyFetch } from '../../src/ops/metrics-route.ts';
import { startMetricsServer } from '../../src/ops/node-metrics-server.ts';
import { createProxyMetrics } from '../../src/ops/proxy-metrics.ts';
import { proxyHarness } from '../support/proxy-harness.ts';
import { sample } from './exposition.ts';

const PROXY_TOKEN = 'proxy-token-metrics-5c7e9a1b3d';
const TASK_TOKEN_SECRET = 'task-token-secret-metrics-0d8e6b4a2c9f7e5d1a';
const CALLBACK_SECRET = 'cb_secret_metrics_0123456789';

const measuredProxy = (env: Record<string, string> = {}) => {
  const metrics = createProxyMetrics();
  return { ...proxyHarness(env, {}, { metrics }), metrics };
};
const refused = async (metrics: ReturnType<typeof createProxyMetrics>, reason: string) =>
  sample(await metrics.render(), 'vidgo_proxy_refused_requests_total', { reason });

describe('who may read /metrics on the API port', () => {
  it('PROXY_TOKEN opens it; no credential, a wrong one or a per-task token does not', async () => {
    const proxy = measuredProxy({ PROXY_TOKEN, TASK_TOKEN_SECRET });
    const id = proxy.simulator.createTask();
    const taskToken = await createTaskToken(id, { secret: TASK_TOKEN_SECRET, now: proxy.clock.now });
    const scrape = (authorization?: string) =>
      proxy.request('/metrics', authorization ? { headers: { authorization } } : {});
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer proxy-token-metrics-wrong0000')).status).toBe(401);
    expect((await scrape(`Bearer ${taskToken}`)).status).toBe(403);
    const allowed = await scrape(`Bearer ${PROXY_TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^# HELP vidgo_proxy_/m);
    expect(await refused(proxy.metrics, 'other_task')).toBe(1);
  });

  it('with no credential configured: this machine only', async () => {
    const proxy = measuredProxy();
    expect((await proxy.request('/metrics')).status).toBe(200);
    expect((await proxy.request('/metrics', { headers: { 'x-client-address': '198.51.100.4' } })).status).toBe(403);
    expect((await proxy.request('/metrics', { headers: { 'x-forwarded-for': '198.51.100.4' } })).status).toBe(403);
    expect(await refused(proxy.metrics, 'not_local')).toBe(2);
  });

  it('with METRICS_PORT set, not on the API port at all', async () => {
    const proxy = measuredProxy({ PROXY_TOKEN, METRICS_PORT: '9464' });
    const answer = await proxy.request('/metrics', { headers: { authorization: `Bearer ${PROXY_TOKEN}` } });
    expect(answer.status).toBe(404);
  });
});

describe('the METRICS_PORT server', () => {
  it('answers GET /metrics and nothing else', async () => {
    const serve = metricsOnlyFetch(createProxyMetrics());
    const answer = await serve(new Request('http://127.0.0.1:9464/metrics'));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('vidgo_proxy_open_streams 0');
    expect((await serve(new Request('http://127.0.0.1:9464/api/generate/status/task-1'))).status).toBe(404);
    expect((await serve(new Request('http://127.0.0.1:9464/metrics', { method: 'POST' }))).status).toBe(405);
  });

  const servers: { close(): void }[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it('listens on loopback by default and says where; warns when told to listen wider', async () => {
    const lines: string[] = [];
    const log = createLog([], (line) => lines.push(line));
    const server = await startMetricsServer({ metrics: createProxyMetrics(), host: '127.0.0.1', port: 0, log });
    servers.push(server);
    const { address, port } = server.address() as AddressInfo;
    expect(address).toBe('127.0.0.1');
    const answer = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('vidgo_proxy_redis_mode{mode="local"} 1');
    expect(lines).toEqual([`[edge-proxy] info: metrics on http://127.0.0.1:${port}/metrics`]);

    // Said, not tried: a test binds nothing beyond loopback.
    announceMetrics(log, '0.0.0.0', 9464);
    expect(lines.at(-1)).toMatch(/warn: METRICS_HOST 0\.0\.0\.0 is not loopback: whoever reaches port 9464/);
  });
});

describe('refusals outside the guard are counted too', () => {
  it('the pre-auth limit, the watched-tasks cap and callbacks', async () => {
    const proxy = measuredProxy({
      PRE_AUTH_RATE_LIMIT_PER_MINUTE: '4',
      MAX_WATCHED_TASKS: '1',
      CALLBACK_SECRET,
    });
    const [first, second] = [0, 1].map(() => proxy.simulator.createTask({ model: 'sora-2', durationMs: 600_000 }));
    const stream = await proxy.run(proxy.request(`/api/generate/status/${first}/events`));
    expect(stream.status).toBe(200);
    expect((await proxy.run(proxy.request(`/api/generate/status/${second}/events`))).status).toBe(429);
    await stream.body!.cancel();
    const callback = (secret: string) =>
      proxy.request(`/callbacks/vidgo/${secret}`, { method: 'POST', body: JSON.stringify({ task_id: first }) });
    expect((await callback('cb_secret_metrics_wrong_00000')).status).toBe(404);
    // Four a minute from this address: the two streams, the callback, this read; the next is one too many.
    expect((await proxy.request('/api/generate/status/task-1')).status).toBe(404);
    expect((await proxy.request('/api/generate/status/task-1')).status).toBe(429);
    expect(await refused(proxy.metrics, 'watched_tasks_cap')).toBe(1);
    expect(await refused(proxy.metrics, 'callback_secret')).toBe(1);
    expect(await refused(proxy.metrics, 'pre_auth_rate_limit')).toBe(1);
  });
});
