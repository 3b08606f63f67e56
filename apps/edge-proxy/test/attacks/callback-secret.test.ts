import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proxyHarness } from '../support/proxy-harness.ts';
import { eventually } from '../support/served-over-http.ts';
import { answerOf, expectNothingLeaked } from './support/attack-kit.ts';

// The callback route is authenticated by the secret in its path: guessing it costs nothing
// upstream, and past the pre-auth limit nothing at all.
const CALLBACK_SECRET = 'callback-secret-attacks-3f9a1c7e';

const post = (proxy: ReturnType<typeof proxyHarness>, secret: string, body: string, address = '203.0.113.50') =>
  proxy.request(`/callbacks/vidgo/${secret}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-client-address': address },
  });

describe('guessed callback secrets (in process)', () => {
  it('are 404 with no upstream call, then 429 past the pre-auth limit; the real secret re-reads upstream', async () => {
    const proxy = proxyHarness({ CALLBACK_SECRET, PRE_AUTH_RATE_LIMIT_PER_MINUTE: '200' });
    const id = proxy.simulator.createTask();
    const body = JSON.stringify({ code: 200, data: { task_id: id, status: 'finished', files: [] } });
    const seen: string[] = [];
    const statuses: number[] = [];
    for (let index = 0; index < 300; index++) {
      const guess = index === 0 ? `${CALLBACK_SECRET.slice(0, -1)}x` : randomBytes(16).toString('base64url');
      statuses.push((await answerOf(await post(proxy, guess, body), index % 50 === 0 ? seen : undefined)).status);
    }
    expect(statuses.slice(0, 200).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(200).every((status) => status === 429)).toBe(true);
    expect(proxy.upstreamRequests()).toBe(0);

    const genuine = await answerOf(await post(proxy, CALLBACK_SECRET, body, '198.51.100.1'), seen);
    expect(genuine.status).toBe(202);
    await eventually(() => proxy.upstreamRequests(id) === 1, 'the hint to re-read the task');
    expectNothingLeaked(seen, proxy.logs, [CALLBACK_SECRET]);
  });

  it('with the real secret, an oversized or foreign-shaped body is 400 with no upstream call', async () => {
    const proxy = proxyHarness({ CALLBACK_SECRET });
    const id = proxy.simulator.createTask();
    const huge = JSON.stringify({
      code: 200,
      data: { task_id: id, status: 'finished', files: [], padding: 'x'.repeat(70 * 1024) },
    });
    expect((await post(proxy, CALLBACK_SECRET, huge)).status).toBe(400);
    const badId = JSON.stringify({ code: 200, data: { task_id: '../../etc/passwd', status: 'finished', files: [] } });
    expect((await post(proxy, CALLBACK_SECRET, badId)).status).toBe(400);
    expect((await post(proxy, CALLBACK_SECRET, 'not json')).status).toBe(400);
    await new Promise((resolve) => setImmediate(resolve));
    expect(proxy.upstreamRequests()).toBe(0);
  });
});
