import { describe, expect, it } from 'vitest';
import { proxyHarness } from '../support/proxy-harness.ts';
import { eventually, proxyOverHttp } from '../support/served-over-http.ts';

// Both ways a stream is written: web streams (Deno, `app.fetch`), and Node's response over a socket.
const transports = [
  ['web streams, in process', async () => proxyHarness()],
  ['Node responses, over HTTP', () => proxyOverHttp()],
] as const;

describe.each(transports)('streams when the proxy shuts down (%s)', (_transport, openProxy) => {
  it('end with a short retry hint and no failure event, so EventSource reconnects elsewhere', async () => {
    const { simulator, request, run, runtime } = await openProxy();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 600_000 });
    const streams = await run(Promise.all([0, 1].map(() => request(`/api/generate/status/${id}/events`))));
    await eventually(() => runtime.hub.watchers === 2, 'both viewers to be subscribed');
    runtime.hub.close({ reconnectAfterMs: 1000 });
    for (const stream of streams) {
      const text = await stream.text();
      expect(text).toMatch(/^retry: 5000\n\n(id: \S+\nevent: task\ndata: \{.*\}\n\n)+retry: 1000\n\n$/);
      expect(text).not.toContain('watch-failed');
    }
    expect(runtime.hub.watchers).toBe(0);
    expect(runtime.hub.loops).toBe(0);
  });

  it('a stream that opens while the proxy goes away gets the same hint at once', async () => {
    const { simulator, request, run, runtime } = await openProxy();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 600_000 });
    runtime.hub.close({ reconnectAfterMs: 1000 });
    const late = await run(request(`/api/generate/status/${id}/events`));
    expect(await late.text()).toBe('retry: 5000\n\nretry: 1000\n\n');
    expect(runtime.hub.loops).toBe(0);
  });
});
