import { describe, expect, it } from 'vitest';
import {
  answerOf,
  expectNothingLeaked,
  PROXY_TOKEN,
  rawGet,
  TASK_TOKEN_SECRET,
  transports,
} from './support/attack-kit.ts';
import { proxyOverHttp } from '../support/served-over-http.ts';

// ALLOWED_ORIGINS decides CORS headers, never access: a page (or curl) that says it is a listed
// origin gets nothing more than one that does not.
const LISTED = 'https://app.example.com';

describe.each(transports)('a forged Origin without a credential (%s)', (_transport, openProxy) => {
  it('is 401 on a proxy with credentials, listed origin or not, on both routes, with no upstream call', async () => {
    const { request, simulator, upstreamRequests, logs } = await openProxy({
      PROXY_TOKEN,
      TASK_TOKEN_SECRET,
      ALLOWED_ORIGINS: LISTED,
    });
    const id = simulator.createTask({ durationMs: 600_000 });
    const seen: string[] = [];
    for (const origin of [LISTED, 'https://evil.example', 'null', 'http://localhost']) {
      for (const path of [`/api/generate/status/${id}`, `/api/generate/status/${id}/events`]) {
        const answer = await answerOf(
          await request(path, { headers: { origin, 'sec-fetch-site': 'same-origin' } }),
          seen,
        );
        expect(answer.status, `${origin} ${path}`).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        // The listed origin may read the refusal; nobody else gets a CORS header.
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin === LISTED ? LISTED : null);
      }
    }
    expect(upstreamRequests()).toBe(0);
    // The same request with the credential passes: the refusals above were the missing credential.
    expect(
      (
        await answerOf(
          await request(`/api/generate/status/${id}`, {
            headers: { origin: LISTED, authorization: `Bearer ${PROXY_TOKEN}` },
          }),
          seen,
        )
      ).status,
    ).toBe(200);
    expect(upstreamRequests()).toBe(1);
    expectNothingLeaked(seen, logs);
  });

  it('is refused at preflight when the origin is not listed, and the preflight asks for no credential', async () => {
    const { request, simulator, upstreamRequests, logs } = await openProxy({ PROXY_TOKEN, ALLOWED_ORIGINS: LISTED });
    const id = simulator.createTask();
    const seen: string[] = [];
    const preflight = (origin: string) =>
      request(`/api/generate/status/${id}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const foreign = await answerOf(await preflight('https://evil.example'), seen);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await answerOf(await preflight(LISTED), seen);
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(upstreamRequests()).toBe(0);
    expectNothingLeaked(seen, logs);
  });

  it('is 403 on a loopback-only proxy (no credential set) when Origin or Sec-Fetch-Site is foreign', async () => {
    const { request, simulator, upstreamRequests, logs } = await openProxy({ ALLOWED_ORIGINS: LISTED });
    const id = simulator.createTask({ durationMs: 600_000 });
    const seen: string[] = [];
    const refusals: [string, Record<string, string>][] = [
      ['a foreign Origin', { origin: 'https://evil.example' }],
      ['a listed Origin', { origin: LISTED }],
      ['Origin: null (a sandboxed frame)', { origin: 'null' }],
      ['a look-alike Origin', { origin: 'http://localhost.evil.example' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ];
    for (const [what, headers] of refusals) {
      for (const path of [`/api/generate/status/${id}`, `/api/generate/status/${id}/events`]) {
        const answer = await answerOf(await request(path, { headers }), seen);
        expect(answer.status, `${what} ${path}`).toBe(403);
        expect(answer.detail).toMatch(/serves this machine only/);
      }
    }
    expect(upstreamRequests()).toBe(0);
    // Its own page (a loopback Origin) and a script (no Origin) are served.
    expect(
      (
        await answerOf(
          await request(`/api/generate/status/${id}`, { headers: { origin: 'http://localhost:8787' } }),
          seen,
        )
      ).status,
    ).toBe(200);
    expect((await answerOf(await request(`/api/generate/status/${id}`), seen)).status).toBe(200);
    expectNothingLeaked(seen, logs);
  });
});

describe('a DNS-rebinding page on a loopback-only proxy, over HTTP', () => {
  it('is 403 with its own Host and Origin, though it reaches 127.0.0.1', async () => {
    const { origin, simulator, upstreamRequests } = await proxyOverHttp();
    const id = simulator.createTask();
    const rebound = await rawGet(origin, `/api/generate/status/${id}`, {
      host: `rebind.evil.example:${new URL(origin).port}`,
      origin: `http://rebind.evil.example:${new URL(origin).port}`,
    });
    expect(rebound.status).toBe(403);
    expect(upstreamRequests()).toBe(0);
  });
});
