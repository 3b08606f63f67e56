import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { proxyHarness } from '../support/proxy-harness.ts';
import { eventually, proxyOverHttp } from '../support/served-over-http.ts';
import { PROXY_TOKEN } from './support/attack-kit.ts';

// The caps must hold however requests interleave: concurrent openings, and clients that leave
// while the first read of their stream is still out.

const authorization = `Bearer ${PROXY_TOKEN}`;
const events = (id: string) => `/api/generate/status/${id}/events`;

describe('MAX_WATCHED_TASKS under concurrent openings (in process)', () => {
  it('holds when new tasks are asked for at the same moment', async () => {
    const proxy = proxyHarness({ PROXY_TOKEN, MAX_WATCHED_TASKS: '2' });
    const ids = Array.from({ length: 6 }, () =>
      proxy.simulator.createTask({ model: 'sora-2', queuedMs: 0, durationMs: 3_600_000, progress: 'none' }),
    );
    const responses = await Promise.all(ids.map((id) => proxy.request(events(id), { headers: { authorization } })));
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.body?.cancel()));
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(2);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(4);
    expect(proxy.runtime.hub.loops).toBeLessThanOrEqual(2);
  });
});

describe('a client that leaves before its stream opens (over HTTP)', () => {
  it('gives its stream slot back: MAX_STREAMS_PER_CLIENT=2 still allows two streams afterwards', async () => {
    const proxy = await proxyOverHttp({ PROXY_TOKEN, MAX_STREAMS_PER_CLIENT: '2' });
    const id = proxy.simulator.createTask({ model: 'sora-2', queuedMs: 0, durationMs: 3_600_000, progress: 'none' });
    // Upstream is slow to answer the first read; the clients give up meanwhile.
    proxy.simulator.inject({ type: 'latency', ms: 5000, times: 2 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const socket = connect(Number(new URL(proxy.origin).port), '127.0.0.1');
      socket.on('error', () => {});
      socket.write(
        `GET ${events(id)} HTTP/1.1\r\nHost: ${new URL(proxy.origin).host}\r\nAuthorization: ${authorization}\r\n\r\n`,
      );
      await eventually(() => proxy.upstreamRequests(id) === attempt, 'the first read to reach upstream', 2000);
      socket.destroy();
      await eventually(async () => (await proxy.connections()) === 0, 'the proxy to see the client leave', 2000);
      await proxy.clock.advance(5000);
    }
    expect(proxy.runtime.hub.watchers).toBe(0);
    const opened = [];
    for (let index = 0; index < 2; index++)
      opened.push(await proxy.request(events(id), { headers: { authorization } }));
    expect(opened.map((response) => response.status)).toEqual([200, 200]);
    for (const response of opened) await response.body!.cancel();
  });
});
