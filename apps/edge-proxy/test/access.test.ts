import { createTaskToken } from '@vidgo-sdk/task-token';
import { describe, expect, it } from 'vitest';
import { proxyHarness, readEvents } from './support/proxy-harness.ts';

const TOKEN = 'proxy-token-0123456789abcdef';
const SECRET = 'task-token-secret-0123456789abcdef';
const remote = { 'x-client-address': '203.0.113.7' };

describe('with no credential configured: this machine only', () => {
  it('serves loopback clients and refuses the others', async () => {
    const { request, simulator, logs, upstreamRequests } = proxyHarness();
    const id = simulator.createTask();
    expect((await request(`/api/generate/status/${id}`)).status).toBe(200);
    expect((await request(`/api/generate/status/${id}`, { headers: { 'x-client-address': '::1' } })).status).toBe(200);
    const refused = await request(`/api/generate/status/${id}`, { headers: remote });
    expect(refused.status).toBe(403);
    expect(upstreamRequests()).toBe(2);
    expect(logs.join('\n')).toMatch(/serving requests from this machine only/);
  });

  it.each([
    ['a foreign Host', { host: 'attacker.example' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a listed but foreign Origin', { origin: 'https://app.example.com' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['X-Forwarded-For', { 'x-forwarded-for': '198.51.100.1' }],
    ['Forwarded', { forwarded: 'for=198.51.100.1' }],
    ['X-Real-IP', { 'x-real-ip': '198.51.100.1' }],
    ['Via', { via: '1.1 nginx' }],
    ['CF-Connecting-IP', { 'cf-connecting-ip': '198.51.100.1' }],
  ])('refuses a loopback request with %s, before anything goes upstream', async (_, headers) => {
    const { request, simulator, upstreamRequests } = proxyHarness({ ALLOWED_ORIGINS: 'https://app.example.com' });
    const id = simulator.createTask();
    const response = await request(`/api/generate/status/${id}`, { headers });
    expect(response.status).toBe(403);
    expect(upstreamRequests()).toBe(0);
  });

  it('accepts a page of its own on a loopback origin', async () => {
    const { request, simulator } = proxyHarness();
    const id = simulator.createTask();
    expect(
      (
        await request(`/api/generate/status/${id}`, {
          headers: { origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('with PROXY_TOKEN', () => {
  it('wants the bearer token from everyone, loopback included', async () => {
    const { request, simulator, upstreamRequests } = proxyHarness({ PROXY_TOKEN: TOKEN });
    const id = simulator.createTask();
    const missing = await request(`/api/generate/status/${id}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(
      (await request(`/api/generate/status/${id}`, { headers: { authorization: 'Bearer wrong-token-0123456789' } }))
        .status,
    ).toBe(401);
    expect(
      (await request(`/api/generate/status/${id}`, { headers: { authorization: `Basic ${btoa(`x:${TOKEN}`)}` } }))
        .status,
    ).toBe(401);
    expect(
      (await request(`/api/generate/status/${id}`, { headers: { authorization: `Bearer ${TOKEN}`, ...remote } }))
        .status,
    ).toBe(200);
    expect(upstreamRequests()).toBe(1);
  });
});

describe('with TASK_TOKEN_SECRET: per-task tokens', () => {
  it('opens the one task the token names, on its status and its stream', async () => {
    const { request, simulator, clock, run, upstreamRequests } = proxyHarness({ TASK_TOKEN_SECRET: SECRET });
    const id = simulator.createTask({ queuedMs: 0, durationMs: 3000 });
    const other = simulator.createTask();
    const token = await createTaskToken(id, { secret: SECRET, now: () => clock.now() });
    const bearer = { authorization: `Bearer ${token}`, ...remote };
    expect((await request(`/api/generate/status/${id}`, { headers: bearer })).status).toBe(200);
    const elsewhere = await request(`/api/generate/status/${other}`, { headers: bearer });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toEqual({ detail: 'This token opens another task' });
    // EventSource cannot send headers: the token may ride in the query of /events, and only there.
    const stream = await request(`/api/generate/status/${id}/events?token=${token}`, { headers: remote });
    expect(stream.status).toBe(200);
    const events = await run(readEvents(stream));
    expect(events.filter((event) => event.event === 'task').at(-1)?.data).toMatch(/"status":"finished"/);
    expect((await request(`/api/generate/status/${id}?token=${token}`, { headers: remote })).status).toBe(401);
    expect(upstreamRequests(other)).toBe(0);
  });

  it('refuses a token once expired', async () => {
    const { request, simulator, clock } = proxyHarness({ TASK_TOKEN_SECRET: SECRET });
    const id = simulator.createTask({ durationMs: 600_000 });
    const token = await createTaskToken(id, { secret: SECRET, expiresInSeconds: 60, now: () => clock.now() });
    expect(
      (await request(`/api/generate/status/${id}`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    await clock.advance(66_000);
    expect(
      (await request(`/api/generate/status/${id}`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });
});

describe('ALLOWED_ORIGINS: CORS, never access', () => {
  it('sends CORS headers to listed origins on answers and refusals alike, and opens nothing by itself', async () => {
    const { request, simulator, upstreamRequests } = proxyHarness({
      PROXY_TOKEN: TOKEN,
      ALLOWED_ORIGINS: 'https://app.example.com, https://admin.example.com/',
    });
    const id = simulator.createTask();
    const alone = await request(`/api/generate/status/${id}`, {
      headers: { origin: 'https://admin.example.com', ...remote },
    });
    expect(alone.status).toBe(401);
    expect(alone.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(upstreamRequests()).toBe(0);

    const withToken = { origin: 'https://app.example.com', authorization: `Bearer ${TOKEN}`, ...remote };
    const allowed = await request(`/api/generate/status/${id}`, { headers: withToken });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('vary')).toContain('Origin');
    const stream = await request(`/api/generate/status/${id}/events`, { headers: withToken });
    expect(stream.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    await stream.body?.cancel();

    const unlisted = await request(`/api/generate/status/${id}`, {
      headers: { ...withToken, origin: 'https://evil.example' },
    });
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await request(`/api/generate/status/${id}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(
      (await request(`/api/generate/status/${id}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(403);
  });

  it('leaves /healthz open', async () => {
    const { request } = proxyHarness({ PROXY_TOKEN: TOKEN });
    expect((await request('/healthz', { headers: remote })).status).toBe(200);
  });
});

describe('limits', () => {
  it('limits each verified principal on its own, with Retry-After', async () => {
    const { request, simulator, clock } = proxyHarness({ RATE_LIMIT_PER_MINUTE: '5' });
    const id = simulator.createTask();
    const statuses = [];
    for (let index = 0; index < 7; index++) statuses.push((await request(`/api/generate/status/${id}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await request(`/api/generate/status/${id}`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await request(`/api/generate/status/${id}`, { headers: { 'x-client-address': '127.0.0.2' } })).status).toBe(
      200,
    );
    await clock.advance(12_000);
    expect((await request(`/api/generate/status/${id}`)).status).toBe(200);
  });

  it('counts refused requests against their address only, never against a principal', async () => {
    const { request, simulator, upstreamRequests } = proxyHarness({
      PROXY_TOKEN: TOKEN,
      RATE_LIMIT_PER_MINUTE: '3',
      PRE_AUTH_RATE_LIMIT_PER_MINUTE: '10',
    });
    const id = simulator.createTask();
    const attacker = { 'x-client-address': '2001:db8:1:2::dead' };
    const refused = [];
    for (let index = 0; index < 12; index++) {
      refused.push(
        (
          await request(`/api/generate/status/${id}`, {
            headers: { ...attacker, authorization: `Bearer forged-${index}-0123456789abcdef` },
          })
        ).status,
      );
    }
    expect(refused.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(refused.slice(10)).toEqual([429, 429]);
    // The same /64 is one address; the token's holder elsewhere still has its whole budget.
    expect(
      (
        await request(`/api/generate/status/${id}`, {
          headers: { 'x-client-address': '2001:db8:1:2::beef', authorization: `Bearer ${TOKEN}` },
        })
      ).status,
    ).toBe(429);
    const holder = { 'x-client-address': '198.51.100.4', authorization: `Bearer ${TOKEN}` };
    for (let index = 0; index < 3; index++)
      expect((await request(`/api/generate/status/${id}`, { headers: holder })).status).toBe(200);
    expect(upstreamRequests()).toBe(3);
  });
});
