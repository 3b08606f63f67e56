import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import { createHandlers } from '../src/msw.ts';
import { VirtualClock } from '../src/virtual-clock.ts';

const clock = new VirtualClock();
const sim = createVidgoSimulator({ clock });
const server = setupServer(...createHandlers(sim));
const AUTH = { authorization: 'Bearer test-key' };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

function status(id: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`https://api.vidgo.ai/api/generate/status/${id}`, { headers: AUTH, ...init });
}

describe('the msw face', () => {
  it('serves the task lifecycle to the global fetch', async () => {
    const id = sim.createTask({ queuedMs: 1000, durationMs: 5000 });
    expect(((await (await status(id)).json()) as { data: { status: string } }).data.status).toBe('not_started');
    await sim.advance(6000);
    const body = (await (await status(id)).json()) as { data: { status: string; files: unknown[] } };
    expect(body.data).toMatchObject({ status: 'finished', files: [expect.any(Object)] });
  });

  it('answers status faults with their headers and bodies', async () => {
    sim.inject({ type: 'status', status: 429, retryAfter: 2 });
    sim.inject({ type: 'status', status: 502, body: 'html' });
    const limited = await status('x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const gateway = await status('x');
    expect(gateway.status).toBe(502);
    expect(await gateway.text()).toContain('<title>502 Bad Gateway</title>');
  });

  it('malformed and truncated bodies fail to parse', async () => {
    const id = sim.createTask();
    sim.inject({ type: 'malformed' });
    sim.inject({ type: 'truncated' });
    for (let i = 0; i < 2; i++) {
      const response = await status(id);
      expect(response.status).toBe(200);
      await expect(response.json()).rejects.toThrow(SyntaxError);
    }
  });

  it('drop is a network error: fetch rejects with a TypeError', async () => {
    sim.inject({ type: 'drop' });
    await expect(status('x')).rejects.toThrow(TypeError);
    expect(sim.requests[0]?.status).toBe('dropped');
  });

  it('latency waits for the virtual clock', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 1000 });
    sim.inject({ type: 'latency', ms: 2000 });
    const response = await clock.run(status(id));
    expect(((await response.json()) as { data: { status: string } }).data.status).toBe('finished');
  });

  it('an abort during a hang rejects with the signal reason', async () => {
    sim.inject({ type: 'hang' });
    const controller = new AbortController();
    const pending = status('x', { signal: controller.signal });
    await sim.advance(60_000);
    const reason = new Error('deadline');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    // The simulator stays silent afterwards; the next request is served normally.
    expect((await status('x')).status).toBe(404);
  });

  it('an abort during latency rejects with the reason', async () => {
    sim.inject({ type: 'latency', ms: 5000 });
    const controller = new AbortController();
    // A deadline on the same virtual clock, as a client with an injected clock would set it.
    clock.setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), 1000);
    const pending = status('x', { signal: controller.signal });
    await expect(clock.run(pending)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(clock.now() - sim.requests[0]!.at).toBe(1000);
    expect(sim.requests[0]?.status).toBe('aborted');
    expect(clock.pendingTimers).toBe(0);
  });

  it('VirtualClock.run reports a hung request instead of waiting forever', async () => {
    sim.inject({ type: 'hang' });
    const controller = new AbortController();
    const pending = status('x', { signal: controller.signal });
    await expect(clock.run(pending, { idleTimeoutMs: 50 })).rejects.toThrow(/a hang\?/);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
