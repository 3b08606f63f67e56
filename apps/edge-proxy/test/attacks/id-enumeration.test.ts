import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proxyHarness } from '../support/proxy-harness.ts';
import { proxyOverHttp } from '../support/served-over-http.ts';
import { answerOf, expectNothingLeaked, PROXY_TOKEN } from './support/attack-kit.ts';

const randomId = () => `task-unified-1757165031-${randomBytes(6).toString('hex')}`;
const authorization = `Bearer ${PROXY_TOKEN}`;
const LIMIT = 100;

describe('10,000 random, valid-shaped, nonexistent ids from one principal (in process)', () => {
  it(`cost at most RATE_LIMIT_PER_MINUTE (${LIMIT}) upstream calls, the rest 429, from any address`, async () => {
    const { request, upstreamRequests, logs, runtime } = proxyHarness({
      PROXY_TOKEN,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      PRE_AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const counts = new Map<number, number>();
    const retryAfters = new Set<string>();
    const seen: string[] = [];
    for (let index = 0; index < 10_000; index++) {
      // A botnet holding one stolen token: every request from another address.
      const address = `198.51.${(index >> 8) & 255}.${index & 255}`;
      const answer = await answerOf(
        await request(`/api/generate/status/${randomId()}`, {
          headers: { authorization, 'x-client-address': address },
        }),
        index % 500 === 0 ? seen : undefined,
      );
      counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
      if (answer.status === 429) retryAfters.add(answer.headers.get('retry-after')!);
    }
    expect(Object.fromEntries(counts)).toEqual({ 404: LIMIT, 429: 10_000 - LIMIT });
    expect(upstreamRequests()).toBe(LIMIT);
    expect(runtime.source.upstreamCalls).toBe(LIMIT);
    for (const value of retryAfters) expect(Number(value)).toBeGreaterThanOrEqual(1);
    for (const value of retryAfters) expect(Number(value)).toBeLessThanOrEqual(60);
    expectNothingLeaked(seen, logs);
  });

  it('answer ids of the wrong shape 400 before credential and budget: no upstream call, no token spent', async () => {
    const { request, upstreamRequests, runtime } = proxyHarness({ PROXY_TOKEN, RATE_LIMIT_PER_MINUTE: '5' });
    const bad = ['a'.repeat(129), 'task.1', 'task%2F..%2Fsecret', '%00', 'task%20one', 'a..b', 'émoji'];
    for (const id of bad) {
      for (const credential of [authorization, 'Bearer wrong']) {
        const response = await request(`/api/generate/status/${id}`, { headers: { authorization: credential } });
        expect(response.status, id).toBe(400);
      }
    }
    expect(upstreamRequests()).toBe(0);
    expect(runtime.access.principalLimit.size).toBe(0);
  });
});

describe('1,000 random nonexistent ids from one principal (over HTTP)', () => {
  it(`cost at most ${LIMIT} upstream calls`, async () => {
    const { request, upstreamRequests } = await proxyOverHttp({
      PROXY_TOKEN,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      PRE_AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const statuses: number[] = [];
    for (let start = 0; start < 1000; start += 25) {
      const batch = await Promise.all(
        Array.from({ length: 25 }, async () => {
          const response = await request(`/api/generate/status/${randomId()}`, { headers: { authorization } });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      statuses.push(...batch);
    }
    expect(statuses.filter((status) => status === 404)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1000 - LIMIT);
    expect(upstreamRequests()).toBe(LIMIT);
    // A thousand real requests: generous on a loaded machine, and the count is what is asserted.
  }, 30_000);
});
