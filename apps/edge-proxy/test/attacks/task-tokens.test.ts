import { describe, expect, it } from 'vitest';
import {
  answerOf,
  claimsFor,
  expectNothingLeaked,
  handMadeToken,
  PROXY_TOKEN,
  TASK_TOKEN_SECRET,
  taskToken,
  transports,
  type ProxyUnderAttack,
} from './support/attack-kit.ts';

/** A finished task: its stream is one event and the end, so a 200 can be read whole. */
async function finishedTask(proxy: ProxyUnderAttack): Promise<string> {
  const id = proxy.simulator.createTask({ queuedMs: 0, durationMs: 1 });
  await proxy.clock.advance(10);
  return id;
}

/** The three places a token can be sent. */
const placements = (id: string, token: string): [string, string, RequestInit][] => [
  ['status, Authorization', `/api/generate/status/${id}`, { headers: { authorization: `Bearer ${token}` } }],
  ['events, Authorization', `/api/generate/status/${id}/events`, { headers: { authorization: `Bearer ${token}` } }],
  ['events, ?token=', `/api/generate/status/${id}/events?token=${encodeURIComponent(token)}`, {}],
];

describe.each(transports)('per-task tokens (%s)', (_transport, openProxy) => {
  it('open their own task, and another id is 403 wherever the token is sent, with no upstream call', async () => {
    const proxy = await openProxy({ TASK_TOKEN_SECRET });
    const mine = await finishedTask(proxy);
    const other = await finishedTask(proxy);
    const token = await taskToken(mine, proxy.clock.now);
    const seen: string[] = [];
    for (const [where, path, init] of placements(other, token)) {
      const answer = await answerOf(await proxy.request(path, init), seen);
      expect(answer.status, where).toBe(403);
      expect(answer.detail).toBe('This token opens another task');
    }
    expect(proxy.upstreamRequests()).toBe(0);
    for (const [where, path, init] of placements(mine, token)) {
      const answer = await answerOf(await proxy.request(path, init), seen);
      expect(answer.status, where).toBe(200);
      expect(answer.body).toContain(`"task_id":"${mine}"`);
    }
    expect(proxy.upstreamRequests(other)).toBe(0);
    expect(proxy.upstreamRequests(mine)).toBe(1);
    expectNothingLeaked(seen, proxy.logs, [token]);
  });

  it('refuse expired, alg none, badly signed and tampered tokens: 401 (header or ?token=), no upstream', async () => {
    const proxy = await openProxy({ TASK_TOKEN_SECRET });
    const id = await finishedTask(proxy);
    const now = proxy.clock.now();
    const genuine = await taskToken(id, proxy.clock.now);
    const [header, , signature] = genuine.split('.');
    const forgeries: [string, string][] = [
      ['expired an hour ago', await taskToken(id, () => now - 2 * 3_600_000)],
      ['expired 10 s ago (past the 5 s tolerance)', await taskToken(id, () => now - 70_000, 60)],
      ['alg none, no signature', handMadeToken({ header: { alg: 'none', typ: 'JWT' }, claims: claimsFor(id, now) })],
      [
        'alg none, any signature',
        `${handMadeToken({ header: { alg: 'none' }, claims: claimsFor(id, now) })}c2lnbmF0dXJl`,
      ],
      [
        'signed with another secret',
        handMadeToken({ claims: claimsFor(id, now), secret: 'another-secret-of-at-least-32-characters' }),
      ],
      [
        'HS512 in the header',
        handMadeToken({ header: { alg: 'HS512' }, claims: claimsFor(id, now), secret: TASK_TOKEN_SECRET }),
      ],
      ['no exp', handMadeToken({ claims: { sub: id }, secret: TASK_TOKEN_SECRET })],
      [
        'a genuine signature over another payload',
        `${header}.${Buffer.from(JSON.stringify(claimsFor(id, now, 86_400 * 365))).toString('base64url')}.${signature}`,
      ],
    ];
    const seen: string[] = [];
    for (const [what, token] of forgeries) {
      for (const [where, path, init] of placements(id, token)) {
        const answer = await answerOf(await proxy.request(path, init), seen);
        expect(answer.status, `${what}, ${where}`).toBe(401);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      }
    }
    expect(proxy.upstreamRequests()).toBe(0);
    // The forger itself is sound: the same hand-made token with the right secret is accepted.
    const handMade = handMadeToken({ claims: claimsFor(id, now), secret: TASK_TOKEN_SECRET });
    expect(
      (
        await answerOf(
          await proxy.request(`/api/generate/status/${id}`, { headers: { authorization: `Bearer ${handMade}` } }),
          seen,
        )
      ).status,
    ).toBe(200);
    expectNothingLeaked(seen, proxy.logs, [genuine, ...forgeries.map(([, token]) => token)]);
  });

  it('stop opening their task once expired', async () => {
    const proxy = await openProxy({ TASK_TOKEN_SECRET });
    const id = await finishedTask(proxy);
    const token = await taskToken(id, proxy.clock.now, 60);
    const path = `/api/generate/status/${id}`;
    expect((await proxy.request(path, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await proxy.clock.advance(66_000);
    expect((await proxy.request(path, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(proxy.upstreamRequests()).toBe(1);
  });

  it('are not taken from ?token= on the status route, nor past a bad Authorization on the events route', async () => {
    const proxy = await openProxy({ TASK_TOKEN_SECRET });
    const id = await finishedTask(proxy);
    const token = await taskToken(id, proxy.clock.now);
    const seen: string[] = [];
    expect((await answerOf(await proxy.request(`/api/generate/status/${id}?token=${token}`), seen)).status).toBe(401);
    const mixed = await proxy.request(`/api/generate/status/${id}/events?token=${token}`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect((await answerOf(mixed, seen)).status).toBe(401);
    expect(proxy.upstreamRequests()).toBe(0);
    expectNothingLeaked(seen, proxy.logs, [token]);
  });

  it('are the only credential ?token= carries: PROXY_TOKEN in a URL is refused', async () => {
    // The proxy-wide token in a query string ends up in access logs, browser history and
    // Referer headers; the design accepts only a per-task token there.
    const proxy = await openProxy({ PROXY_TOKEN, TASK_TOKEN_SECRET });
    const id = await finishedTask(proxy);
    const seen: string[] = [];
    const answer = await answerOf(await proxy.request(`/api/generate/status/${id}/events?token=${PROXY_TOKEN}`), seen);
    expect(answer.status).toBe(401);
    expect(proxy.upstreamRequests()).toBe(0);
    expectNothingLeaked(seen, proxy.logs);
  });
});
