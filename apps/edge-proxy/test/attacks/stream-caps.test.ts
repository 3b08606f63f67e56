import { describe, expect, it } from 'vitest';
import { eventually } from '../support/served-over-http.ts';
import {
  answerOf,
  expectNothingLeaked,
  PROXY_TOKEN,
  TASK_TOKEN_SECRET,
  taskToken,
  transports,
  type ProxyUnderAttack,
} from './support/attack-kit.ts';

const authorization = `Bearer ${PROXY_TOKEN}`;
const events = (id: string) => `/api/generate/status/${id}/events`;
const longTask = (proxy: ProxyUnderAttack) =>
  proxy.simulator.createTask({ model: 'sora-2', queuedMs: 0, durationMs: 3_600_000, progress: 'none' });

async function expectStream(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return response;
}

async function expectTooMany(response: Response, seen: string[], detail: RegExp) {
  const answer = await answerOf(response, seen);
  expect(answer.status).toBe(429);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  expect(answer.detail).toMatch(detail);
}

describe.each(transports)('stream caps (%s)', (_transport, openProxy) => {
  it('MAX_STREAMS_PER_CLIENT=2: a third stream is 429 with Retry-After; once one closes, a new one opens', async () => {
    const proxy = await openProxy({ PROXY_TOKEN, TASK_TOKEN_SECRET, MAX_STREAMS_PER_CLIENT: '2' });
    const id = longTask(proxy);
    const seen: string[] = [];
    const first = await expectStream(await proxy.request(events(id), { headers: { authorization } }));
    await expectStream(await proxy.request(events(id), { headers: { authorization } }));
    const calls = proxy.upstreamRequests();
    await expectTooMany(await proxy.request(events(id), { headers: { authorization } }), seen, /Too many open streams/);
    expect(proxy.upstreamRequests()).toBe(calls);
    // Another principal (a per-task token) has slots of its own.
    const token = await taskToken(id, proxy.clock.now);
    const other = await expectStream(
      await proxy.request(events(id), { headers: { authorization: `Bearer ${token}` } }),
    );
    await first.body!.cancel();
    await eventually(() => proxy.runtime.hub.watchers === 2, 'the closed stream to be noticed');
    await expectStream(await proxy.request(events(id), { headers: { authorization } }));
    await other.body!.cancel();
    expectNothingLeaked(seen, proxy.logs, [token]);
  });

  it('MAX_STREAMS=3: the proxy-wide cap holds whoever asks', async () => {
    const proxy = await openProxy({ TASK_TOKEN_SECRET, PROXY_TOKEN, MAX_STREAMS: '3' });
    const ids = [longTask(proxy), longTask(proxy), longTask(proxy), longTask(proxy)];
    const seen: string[] = [];
    for (const id of ids.slice(0, 3))
      await expectStream(
        await proxy.request(events(id), {
          headers: { authorization: `Bearer ${await taskToken(id, proxy.clock.now)}` },
        }),
      );
    const calls = proxy.upstreamRequests();
    await expectTooMany(
      await proxy.request(events(ids[3]!), {
        headers: { authorization: `Bearer ${await taskToken(ids[3]!, proxy.clock.now)}` },
      }),
      seen,
      /Too many open streams/,
    );
    await expectTooMany(
      await proxy.request(events(ids[0]!), { headers: { authorization } }),
      seen,
      /Too many open streams/,
    );
    expect(proxy.upstreamRequests()).toBe(calls);
    expectNothingLeaked(seen, proxy.logs);
  });

  it('MAX_WATCHED_TASKS=2: a third task is 429, no upstream call, until a loop lingers 10 s and ends', async () => {
    const proxy = await openProxy({ PROXY_TOKEN, MAX_WATCHED_TASKS: '2' });
    const [a, b, c] = [longTask(proxy), longTask(proxy), longTask(proxy)];
    const seen: string[] = [];
    const watchingA = await expectStream(await proxy.request(events(a), { headers: { authorization } }));
    await expectStream(await proxy.request(events(b), { headers: { authorization } }));
    // More viewers of a watched task cost no loop.
    await expectStream(await proxy.request(events(b), { headers: { authorization } }));
    await expectTooMany(await proxy.request(events(c), { headers: { authorization } }), seen, /Too many tasks watched/);
    expect(proxy.upstreamRequests(c)).toBe(0);
    expect(proxy.runtime.hub.loops).toBe(2);

    await watchingA.body!.cancel();
    await eventually(() => proxy.runtime.hub.watchers === 2, 'the closed stream to be noticed');
    // The loop of `a` lingers for a reconnect: still no room.
    await proxy.clock.advance(9000);
    await expectTooMany(await proxy.request(events(c), { headers: { authorization } }), seen, /Too many tasks watched/);
    await proxy.clock.advance(1000);
    expect(proxy.runtime.hub.loops).toBe(1);
    const watchingC = await expectStream(await proxy.request(events(c), { headers: { authorization } }));
    expect(proxy.upstreamRequests(c)).toBeGreaterThanOrEqual(1);
    await watchingC.body!.cancel();
    expectNothingLeaked(seen, proxy.logs);
  });
});
