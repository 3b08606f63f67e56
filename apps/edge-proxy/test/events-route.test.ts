import { describe, expect, it } from 'vitest';
import { proxyHarness, readEvents, type SseEvent } from './support/proxy-harness.ts';
import { eventually, proxyOverHttp } from './support/served-over-http.ts';

const tasks = (events: SseEvent[]) =>
  events.filter((event) => event.event === 'task').map((event) => JSON.parse(event.data!));

// The same contract whichever way the stream is written: web streams (Deno, and `app.fetch`), or
// straight to Node's response over a real socket (entry/node.ts).
const transports = [
  ['web streams, in process', async (env?: Record<string, string>) => proxyHarness(env)],
  ['Node responses, over HTTP', (env?: Record<string, string>) => proxyOverHttp(env)],
] as const;

describe.each(transports)('GET /api/generate/status/:taskId/events (%s)', (_transport, openProxy) => {
  it('sends one event per change and ends after the terminal one', async () => {
    const { simulator, request, run } = await openProxy();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const response = await request(`/api/generate/status/${id}/events`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await run(readEvents(response));
    expect(tasks(events).map((task) => `${task.status} ${task.progress}`)).toEqual([
      'not_started 0',
      'running 0',
      'running 45',
      'finished 100',
    ]);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  it('polls once for any number of watchers, and stops shortly after the last one leaves', async () => {
    const { simulator, request, clock, run, runtime, upstreamRequests } = await openProxy();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 200_000 });
    const streams = await Promise.all(Array.from({ length: 50 }, () => request(`/api/generate/status/${id}/events`)));
    const readers = streams.map((response) => readEvents(response, (events) => tasks(events).length >= 2));
    await run(Promise.all(readers));
    // Each viewer has closed its stream; over a socket, the proxy hears of it a moment later.
    await eventually(() => runtime.hub.watchers === 0, 'the last viewer to leave');
    // The loop lingers for a reconnect, then stops.
    expect(runtime.hub.loops).toBe(1);
    await clock.advance(10_000);
    expect(runtime.hub.loops).toBe(0);
    const polls = upstreamRequests(id);
    expect(polls).toBeLessThanOrEqual(5);
    await clock.advance(300_000);
    expect(upstreamRequests(id)).toBe(polls);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps the loop for a viewer who reconnects within seconds: no new poll, only what it missed', async () => {
    const { simulator, request, clock, run, runtime, upstreamRequests } = await openProxy();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 200_000, progress: 'none' });
    const first = await run(
      readEvents(await request(`/api/generate/status/${id}/events`), (events) => tasks(events).length >= 1),
    );
    await eventually(() => runtime.hub.watchers === 0, 'the viewer to leave');
    const polls = upstreamRequests(id);
    await clock.advance(3000);
    const again = await request(`/api/generate/status/${id}/events`, {
      headers: { 'last-event-id': first.at(-1)!.id! },
    });
    expect(again.status).toBe(200);
    await eventually(() => runtime.hub.watchers === 1, 'the viewer to be back');
    expect(runtime.hub.loops).toBe(1);
    // The route's read before the stream opens is served from the running loop's cache-free path:
    // one status read at most, never a second loop.
    expect(upstreamRequests(id)).toBeLessThanOrEqual(polls + 1);
    await again.body!.cancel();
  });

  it('gives the same sequence to every watcher, whenever it joined', async () => {
    const { simulator, request, run, clock } = await openProxy();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const early = readEvents(await request(`/api/generate/status/${id}/events`));
    await clock.advance(9000);
    const late = readEvents(await request(`/api/generate/status/${id}/events`));
    const [first, second] = await run(Promise.all([early, late]));
    expect(tasks(second).at(-1)).toEqual(tasks(first).at(-1));
    // The late one starts from where things stand, not from the beginning.
    expect(tasks(second)[0].status).toBe('running');
  });

  it('honours Last-Event-ID: a reconnecting watcher gets only what it missed', async () => {
    const { simulator, request, run } = await openProxy();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const keeper = readEvents(await request(`/api/generate/status/${id}/events`));
    const first = await run(
      readEvents(await request(`/api/generate/status/${id}/events`), (events) => tasks(events).length === 2),
    );
    const resumed = await run(
      readEvents(
        await request(`/api/generate/status/${id}/events`, { headers: { 'last-event-id': first.at(-1)!.id! } }),
      ),
    );
    const all = await run(keeper);
    expect([...first, ...resumed].map((event) => event.id)).toEqual(all.map((event) => event.id));
  });

  it('replays a finished task from the cache and ends at once', async () => {
    const { simulator, request, run, clock, upstreamRequests } = await openProxy();
    const id = simulator.createTask({ queuedMs: 0, durationMs: 1000 });
    await clock.advance(2000);
    await request(`/api/generate/status/${id}`);
    const events = await run(readEvents(await request(`/api/generate/status/${id}/events`)));
    expect(tasks(events).map((task) => task.status)).toEqual(['finished']);
    expect(upstreamRequests(id)).toBe(1);
  });

  it('sends heartbeats while nothing changes', async () => {
    const { simulator, request, clock } = await openProxy();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 300_000, progress: 'none' });
    const response = await request(`/api/generate/status/${id}/events`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    })();
    await clock.advance(46_000);
    await eventually(() => text.includes(': ping\n\n: ping\n\n: ping\n\n'), 'three heartbeats to arrive');
    expect(text.match(/^: ping$/gm)?.length).toBe(3);
    await reader.cancel();
    await reading;
  });

  it('answers a task that cannot be watched with a plain status, which EventSource takes as final', async () => {
    const { simulator, request } = await openProxy();
    simulator.inject({ type: 'status', status: 404, times: Infinity });
    const response = await request('/api/generate/status/task-unified-0-none/events');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ detail: 'Task not found' });
  });

  it('ends the stream with a watch-failed event (never `error`) when watching cannot go on', async () => {
    const { simulator, request, run } = await openProxy();
    const id = simulator.createTask({ durationMs: 600_000 });
    const response = await request(`/api/generate/status/${id}/events`);
    expect(response.status).toBe(200);
    simulator.inject({ type: 'status', status: 404, times: Infinity });
    const events = await run(readEvents(response));
    expect(events.at(-1)).toEqual({ event: 'watch-failed', data: JSON.stringify({ detail: 'Task not found' }) });
    expect(events.some((event) => event.event === 'error')).toBe(false);
  });

  it('keeps the stream through upstream trouble, then delivers', async () => {
    const { simulator, request, run } = await openProxy();
    const id = simulator.createTask({ durationMs: 20_000 });
    const response = await request(`/api/generate/status/${id}/events`);
    simulator.inject({ type: 'status', status: 503, times: 8 });
    simulator.inject({ type: 'status', status: 429, retryAfter: 3, times: 3 });
    const events = await run(readEvents(response));
    expect(tasks(events).at(-1).status).toBe('finished');
  });

  it('answers CORS on the stream for an allowed origin', async () => {
    const { simulator, request, run } = await openProxy({
      ALLOWED_ORIGINS: 'https://app.example.com',
      PROXY_TOKEN: 'proxy-token-0123456789abcdef',
    });
    const id = simulator.createTask({ durationMs: 20_000 });
    const headers = { origin: 'https://app.example.com', authorization: 'Bearer proxy-token-0123456789abcdef' };
    const response = await request(`/api/generate/status/${id}/events`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(tasks(await run(readEvents(response))).at(-1).status).toBe('finished');
  });

  it('refuses an invalid id with 400 before anything goes upstream', async () => {
    const { request, upstreamRequests } = await openProxy();
    expect((await request('/api/generate/status/%20/events')).status).toBe(400);
    expect(upstreamRequests()).toBe(0);
  });
});
