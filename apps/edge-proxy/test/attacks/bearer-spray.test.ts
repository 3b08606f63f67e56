import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proxyHarness } from '../support/proxy-harness.ts';
import {
  answerOf,
  expectNothingLeaked,
  PROXY_TOKEN,
  TASK_TOKEN_SECRET,
  taskToken,
  transports,
  type ProxyUnderAttack,
} from './support/attack-kit.ts';

/** 1,000 guesses: random strings, JWT-shaped garbage, and near misses of the real token. */
function guesses(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const random = randomBytes(24).toString('base64url');
    if (index % 4 === 0)
      return `${random}.${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    if (index % 4 === 1) {
      // The last two characters redrawn: a near miss, unless the draw gives them back (1 in 4,096,
      // so a few times in a hundred runs of 250 near misses), when one more character makes it one.
      const nearMiss = `${PROXY_TOKEN.slice(0, -2)}${random.slice(0, 2)}`;
      return nearMiss === PROXY_TOKEN ? `${nearMiss}x` : nearMiss;
    }
    return random;
  });
}

/** Sends one guess per request, 25 at a time; the statuses in the order sent. */
async function spray(
  proxy: ProxyUnderAttack,
  path: string,
  values: string[],
  seen: string[],
): Promise<{ statuses: number[]; retryAfters: number[] }> {
  const statuses: number[] = [];
  const retryAfters: number[] = [];
  for (let start = 0; start < values.length; start += 25) {
    const answers = await Promise.all(
      values
        .slice(start, start + 25)
        .map(async (value) => answerOf(await proxy.request(path, { headers: { authorization: `Bearer ${value}` } }))),
    );
    for (const answer of answers) {
      statuses.push(answer.status);
      if (answer.status === 429) retryAfters.push(Number(answer.headers.get('retry-after')));
    }
    // One of each batch for the leak check: the bodies are all alike.
    seen.push(answers[0]!.body, [...answers[0]!.headers].join('\n'));
  }
  return { statuses, retryAfters };
}

describe.each(transports)('1,000 distinct random bearer values (%s)', (_transport, openProxy) => {
  it('are each 401 with no upstream call and no per-principal state: the real token still works', async () => {
    const proxy = await openProxy({
      PROXY_TOKEN,
      TASK_TOKEN_SECRET,
      PRE_AUTH_RATE_LIMIT_PER_MINUTE: '2000',
      RATE_LIMIT_PER_MINUTE: '5',
    });
    const id = proxy.simulator.createTask({ durationMs: 600_000 });
    const values = guesses(1000);
    const seen: string[] = [];
    const { statuses } = await spray(proxy, `/api/generate/status/${id}`, values, seen);
    expect(statuses.filter((status) => status === 401)).toHaveLength(1000);
    expect(proxy.upstreamRequests()).toBe(0);
    // Buckets are made only for verified principals.
    expect(proxy.runtime.access.principalLimit.size).toBe(0);
    const genuine = [`Bearer ${PROXY_TOKEN}`, `Bearer ${await taskToken(id, proxy.clock.now)}`];
    for (const authorization of genuine)
      expect(
        (await answerOf(await proxy.request(`/api/generate/status/${id}`, { headers: { authorization } }), seen))
          .status,
      ).toBe(200);
    expect(proxy.runtime.access.principalLimit.size).toBe(2);
    expect(proxy.upstreamRequests()).toBeLessThanOrEqual(2);
    expectNothingLeaked(seen, proxy.logs, [...values.slice(0, 50), ...genuine.map((value) => value.slice(7))]);
  });

  it('meet the pre-auth limit of their address first: 401, then 429 (Retry-After ≤ 60), real token too', async () => {
    const proxy = await openProxy({ PROXY_TOKEN, PRE_AUTH_RATE_LIMIT_PER_MINUTE: '300' });
    const id = proxy.simulator.createTask({ durationMs: 600_000 });
    const seen: string[] = [];
    const { statuses, retryAfters } = await spray(proxy, `/api/generate/status/${id}`, guesses(1000), seen);
    // The virtual clock stands still: exactly the bucket's 300, in the order sent.
    expect(statuses.slice(0, 300).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(300).every((status) => status === 429)).toBe(true);
    expect(Math.min(...retryAfters)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...retryAfters)).toBeLessThanOrEqual(60);
    expect(proxy.upstreamRequests()).toBe(0);
    expect(proxy.runtime.access.principalLimit.size).toBe(0);
    // The address spent its budget, whatever it sends next.
    const authorization = `Bearer ${PROXY_TOKEN}`;
    expect(
      (await answerOf(await proxy.request(`/api/generate/status/${id}`, { headers: { authorization } }), seen)).status,
    ).toBe(429);
    await proxy.clock.advance(60_000);
    expect(
      (await answerOf(await proxy.request(`/api/generate/status/${id}`, { headers: { authorization } }), seen)).status,
    ).toBe(200);
    expect(proxy.upstreamRequests()).toBe(1);
    expectNothingLeaked(seen, proxy.logs);
  });
});

describe('the pre-auth limit keys IPv6 clients by /64 (in process)', () => {
  it('so that 300 addresses of one /64 share one budget, and another /64 has its own', async () => {
    const { request, simulator, upstreamRequests } = proxyHarness({
      PROXY_TOKEN,
      PRE_AUTH_RATE_LIMIT_PER_MINUTE: '100',
    });
    const id = simulator.createTask();
    const statuses: number[] = [];
    for (let host = 1; host <= 300; host++) {
      const address = `2001:db8:aa:bb:${host.toString(16)}:0:0:${(host * 7).toString(16)}`;
      statuses.push(
        (
          await request(`/api/generate/status/${id}`, {
            headers: { authorization: 'Bearer not-the-token', 'x-client-address': address },
          })
        ).status,
      );
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(100);
    expect(statuses.slice(100).every((status) => status === 429)).toBe(true);
    const neighbour = await request(`/api/generate/status/${id}`, {
      headers: { authorization: `Bearer ${PROXY_TOKEN}`, 'x-client-address': '2001:db8:aa:bc::1' },
    });
    expect(neighbour.status).toBe(200);
    expect(upstreamRequests()).toBe(1);
  });
});
