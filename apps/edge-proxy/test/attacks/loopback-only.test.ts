import { describe, expect, it } from 'vitest';
import { proxyHarness } from '../support/proxy-harness.ts';
import { proxyOverHttp } from '../support/served-over-http.ts';
import { answerOf, expectNothingLeaked, rawGet, transports } from './support/attack-kit.ts';

// With no credential configured, the proxy serves this machine only: the socket is loopback, the
// request is addressed to a loopback name, and nothing says it came through another proxy.

const FORWARDING: [string, string][] = [
  ['x-forwarded-for', '203.0.113.9'],
  ['forwarded', 'for=203.0.113.9;proto=https'],
  ['x-real-ip', '203.0.113.9'],
  ['via', '1.1 caddy'],
  ['cf-connecting-ip', '203.0.113.9'],
  ['true-client-ip', '203.0.113.9'],
  ['x-forwarded-host', 'app.example.com'],
  // Even claiming loopback: the header's presence says a proxy stands in front.
  ['x-forwarded-for', '127.0.0.1'],
];

describe.each(transports)('a loopback-only proxy (%s)', (_transport, openProxy) => {
  it('refuses a request from loopback that carries any forwarding header: 403, no upstream call', async () => {
    const { request, simulator, upstreamRequests, logs } = await openProxy();
    const id = simulator.createTask({ durationMs: 600_000 });
    const seen: string[] = [];
    for (const [name, value] of FORWARDING) {
      for (const path of [`/api/generate/status/${id}`, `/api/generate/status/${id}/events`]) {
        const answer = await answerOf(await request(path, { headers: { [name]: value } }), seen);
        expect(answer.status, `${name}: ${value} ${path}`).toBe(403);
        expect(answer.detail).toMatch(/forwarded by another proxy/);
      }
    }
    expect(upstreamRequests()).toBe(0);
    expect((await answerOf(await request(`/api/generate/status/${id}`), seen)).status).toBe(200);
    expectNothingLeaked(seen, logs);
  });
});

describe('a loopback-only proxy in process (where the URL carries the host name)', () => {
  it('refuses a request addressed to a foreign host name', async () => {
    const { app, simulator, upstreamRequests } = proxyHarness();
    const id = simulator.createTask();
    const foreign = await app.request(`http://attacker.example/api/generate/status/${id}`);
    expect(foreign.status).toBe(403);
    expect(upstreamRequests()).toBe(0);
    expect((await app.request(`http://127.0.0.1:8787/api/generate/status/${id}`)).status).toBe(200);
  });
});

describe('a loopback-only proxy over HTTP, Host header', () => {
  it('refuses a foreign Host from 127.0.0.1 (DNS rebinding) with 403 and no upstream call', async () => {
    const { origin, simulator, upstreamRequests, logs } = await proxyOverHttp();
    const id = simulator.createTask();
    const port = new URL(origin).port;
    const path = `/api/generate/status/${id}`;
    const seen: string[] = [];
    for (const host of [
      'attacker.example',
      `attacker.example:${port}`,
      `localhost.attacker.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `0.0.0.0:${port}`,
      `10.0.0.1:${port}`,
    ]) {
      const answer = await rawGet(origin, path, { host });
      seen.push(answer.body);
      expect(answer.status, host).toBe(403);
      expect(answer.body).toMatch(/not local/);
    }
    expect(upstreamRequests()).toBe(0);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `app.localhost:${port}`]) {
      expect((await rawGet(origin, path, { host })).status, host).toBe(200);
    }
    expectNothingLeaked(seen, logs);
  });

  it('refuses a Host that smuggles a foreign name, without reaching upstream', async () => {
    const { origin, simulator, upstreamRequests } = await proxyOverHttp();
    const id = simulator.createTask();
    const port = new URL(origin).port;
    for (const host of [
      `localhost@attacker.example:${port}`,
      `localhost:${port}@attacker.example`,
      `attacker.example#.localhost`,
    ]) {
      const answer = await rawGet(origin, `/api/generate/status/${id}`, { host });
      expect([400, 403], host).toContain(answer.status);
    }
    expect(upstreamRequests()).toBe(0);
  });
});
