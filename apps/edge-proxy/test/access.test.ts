import { describe, expect, it } from 'vitest';
import { proxyHarness } from './support/proxy-harness.ts';

const TOKEN = 'proxy-token-0123456789abcdef';

describe('deny by default', () => {
  it('without PROXY_TOKEN or ALLOWED_ORIGINS, serves 127.0.0.1 only', async () => {
    const { request, simulator, logs } = proxyHarness();
    const id = simulator.createTask();
    expect((await request(`/api/generate/status/${id}`)).status).toBe(200);
    expect((await request(`/api/generate/status/${id}`, { headers: { 'x-client-address': '::1' } })).status).toBe(200);
    const remote = await request(`/api/generate/status/${id}`, { headers: { 'x-client-address': '203.0.113.7' } });
    expect(remote.status).toBe(401);
    expect(logs.join('\n')).toMatch(/serving clients on 127\.0\.0\.1 only/);
  });

  it('with PROXY_TOKEN, wants the bearer token from everyone, loopback included', async () => {
    const { request, simulator, upstreamRequests } = proxyHarness({ PROXY_TOKEN: TOKEN });
    const id = simulator.createTask();
    expect((await request(`/api/generate/status/${id}`)).status).toBe(401);
    expect((await request(`/api/generate/status/${id}`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await request(`/api/generate/status/${id}`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-client-address': '203.0.113.7' } })).status).toBe(200);
    expect(upstreamRequests()).toBe(1);
  });

  it('with ALLOWED_ORIGINS, serves those origins with CORS and refuses the others', async () => {
    const { request, simulator } = proxyHarness({ ALLOWED_ORIGINS: 'https://app.example.com, https://admin.example.com/' });
    const id = simulator.createTask();
    const allowed = await request(`/api/generate/status/${id}`, { headers: { origin: 'https://admin.example.com', 'x-client-address': '203.0.113.7' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const stream = await request(`/api/generate/status/${id}/events`, { headers: { origin: 'https://app.example.com', 'x-client-address': '203.0.113.7' } });
    expect(stream.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    await stream.body?.cancel();

    const refused = await request(`/api/generate/status/${id}`, { headers: { origin: 'https://evil.example', 'x-client-address': '203.0.113.7' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await request(`/api/generate/status/${id}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('does not take loopback on trust once a token or origins are configured', async () => {
    const { request, simulator } = proxyHarness({ ALLOWED_ORIGINS: 'https://app.example.com' });
    const id = simulator.createTask();
    expect((await request(`/api/generate/status/${id}`)).status).toBe(401);
  });

  it('serves its own page (same-origin, no Origin header) when its origin is allowed', async () => {
    const { request, simulator } = proxyHarness({ ALLOWED_ORIGINS: 'http://localhost' });
    const id = simulator.createTask();
    const response = await request(`http://localhost/api/generate/status/${id}`, { headers: { 'sec-fetch-site': 'same-origin', 'x-client-address': '203.0.113.7' } });
    expect(response.status).toBe(200);
  });

  it('leaves /healthz open', async () => {
    const { request } = proxyHarness({ PROXY_TOKEN: TOKEN });
    expect((await request('/healthz', { headers: { 'x-client-address': '203.0.113.7' } })).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-client budget, each client on its own', async () => {
    const { request, simulator, clock } = proxyHarness({ RATE_LIMIT_PER_MINUTE: '5' });
    const id = simulator.createTask();
    const statuses = [];
    for (let index = 0; index < 7; index++) statuses.push((await request(`/api/generate/status/${id}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await request(`/api/generate/status/${id}`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await request(`/api/generate/status/${id}`, { headers: { 'x-client-address': '127.0.0.2' } })).status).toBe(200);
    await clock.advance(12_000);
    expect((await request(`/api/generate/status/${id}`)).status).toBe(200);
  });
});
