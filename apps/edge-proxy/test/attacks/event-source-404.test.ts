import { describe, expect, it } from 'vitest';
import { readEvents } from '../support/proxy-harness.ts';
import { answerOf, PROXY_TOKEN, transports, type ProxyUnderAttack } from './support/attack-kit.ts';

const MISSING = 'task-unified-1757165031-nosuchtask';
const headers = { authorization: `Bearer ${PROXY_TOKEN}`, accept: 'text/event-stream' };

/**
 * A client that does what EventSource does: a 200 text/event-stream is read, and reconnected to
 * `retry` ms after it ends; any other status or content type fails the connection for good.
 */
async function eventSourceLike(proxy: ProxyUnderAttack, path: string, forMs: number) {
  const until = proxy.clock.now() + forMs;
  const attempts: { at: number; status: number; contentType: string | null }[] = [];
  while (proxy.clock.now() < until) {
    const response = await proxy.request(path, { headers });
    attempts.push({
      at: proxy.clock.now(),
      status: response.status,
      contentType: response.headers.get('content-type'),
    });
    if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { attempts, failedForGood: true };
    }
    await proxy.run(readEvents(response));
    await proxy.clock.advance(5000);
  }
  return { attempts, failedForGood: false };
}

/** Gaps between the upstream calls for `taskId`, in virtual ms. */
const gaps = (proxy: ProxyUnderAttack, taskId: string) => {
  const times = proxy.simulator.requests.filter((entry) => entry.taskId === taskId).map((entry) => entry.at);
  return times.slice(1).map((at, index) => at - times[index]!);
};

describe.each(transports)(
  'an EventSource on an id that does not exist, over 60 s of virtual time (%s)',
  (_transport, openProxy) => {
    it('gets a plain JSON 404, which EventSource takes as final: one attempt, one upstream call', async () => {
      const proxy = await openProxy({ PROXY_TOKEN });
      const { attempts, failedForGood } = await eventSourceLike(
        proxy,
        `/api/generate/status/${MISSING}/events`,
        60_000,
      );
      expect(failedForGood).toBe(true);
      expect(attempts).toEqual([
        { at: expect.any(Number), status: 404, contentType: expect.stringMatching(/^application\/json/) },
      ]);
      await proxy.clock.advance(60_000);
      expect(proxy.upstreamRequests(MISSING)).toBe(1);
      expect(proxy.runtime.hub.loops).toBe(0);
    });

    it('costs one upstream call per 5 s window however often a page retries (every 5 s, then 1 s)', async () => {
      const proxy = await openProxy({ PROXY_TOKEN, RATE_LIMIT_PER_MINUTE: '1000' });
      for (const [everyMs, expectedCalls] of [
        [5000, 12],
        [1000, 12],
      ] as const) {
        const before = proxy.upstreamRequests(MISSING);
        const statuses = new Set<string>();
        for (let elapsed = 0; elapsed < 60_000; elapsed += everyMs) {
          const answer = await answerOf(await proxy.request(`/api/generate/status/${MISSING}/events`, { headers }));
          statuses.add(`${answer.status} ${answer.headers.get('content-type')?.split(';')[0]} ${answer.detail}`);
          await proxy.clock.advance(everyMs);
        }
        expect([...statuses]).toEqual(['404 application/json Task not found']);
        // The negative cache holds a 404 for 5 s: at most one call per window of 60 s / 5 s.
        expect(proxy.upstreamRequests(MISSING) - before).toBeLessThanOrEqual(expectedCalls);
      }
      expect(Math.min(...gaps(proxy, MISSING))).toBeGreaterThanOrEqual(5000);
    });

    it('costs one call for 20 attempts at once, and the status route within the window costs none', async () => {
      const proxy = await openProxy({ PROXY_TOKEN });
      const answers = await Promise.all(
        Array.from({ length: 20 }, async () =>
          answerOf(await proxy.request(`/api/generate/status/${MISSING}/events`, { headers })),
        ),
      );
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([404]));
      await proxy.clock.advance(4000);
      const status = await answerOf(await proxy.request(`/api/generate/status/${MISSING}`, { headers }));
      expect(status.status).toBe(404);
      expect(proxy.upstreamRequests(MISSING)).toBe(1);
      // Past the window, it is asked again (and the task might exist by then).
      await proxy.clock.advance(1000);
      expect((await proxy.request(`/api/generate/status/${MISSING}`, { headers })).status).toBe(404);
      expect(proxy.upstreamRequests(MISSING)).toBe(2);
    });
  },
);
