import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import type { VidgoSimulator } from '../src/simulator-types.ts';

const AUTH = { authorization: 'Bearer test-key' };

function setup(): { sim: VidgoSimulator; id: string; status: (init?: RequestInit) => Promise<Response> } {
  const sim = createVidgoSimulator();
  const id = sim.createTask({ queuedMs: 0, durationMs: 10_000 });
  const status = (init: RequestInit = {}) =>
    sim.fetch(`${sim.baseUrl}/api/generate/status/${id}`, { headers: AUTH, ...init });
  return { sim, id, status };
}

describe('status faults through the fetch face', () => {
  it('answers the status with Retry-After in each body style', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'status', status: 429, retryAfter: 3 });
    const limited = await status();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({ detail: 'Too Many Requests' });

    sim.inject({ type: 'status', status: 503, body: 'error', retryAfter: 'Wed, 12 Nov 2025 10:31:00 GMT' });
    const unavailable = await status();
    expect(unavailable.headers.get('retry-after')).toBe('Wed, 12 Nov 2025 10:31:00 GMT');
    expect(await unavailable.json()).toEqual({
      code: 503,
      error: { message: 'Service Unavailable', type: 'service_error' },
    });

    sim.inject({ type: 'status', status: 408, body: 'text' });
    const timeout = await status();
    expect(timeout.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await timeout.text()).toBe('Request timeout');

    sim.inject({ type: 'status', status: 502, body: 'html' });
    const gateway = await status();
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect(await gateway.text()).toMatch(/^<html>\r\n<head><title>502 Bad Gateway<\/title><\/head>\r\n<body>/);

    sim.inject({ type: 'status', status: 500, body: 'json-garbage', message: 'oops' });
    const garbage = await status();
    expect(garbage.headers.get('content-type')).toBe('application/json');
    await expect(garbage.json()).rejects.toThrow(SyntaxError);

    expect((await status()).status).toBe(200);
    expect(sim.requests.map((entry) => entry.status)).toEqual([429, 503, 408, 502, 500, 200]);
  });

  it("uses the simulator's error shape by default", async () => {
    const sim = createVidgoSimulator({ errorShape: 'error' });
    sim.inject({ type: 'status', status: 500 });
    const response = await sim.fetch(`${sim.baseUrl}/api/generate/status/x`, { headers: AUTH });
    expect(await response.json()).toEqual({
      code: 500,
      error: { message: 'Internal Server Error', type: 'internal_error' },
    });
  });
});

describe('body faults through the fetch face', () => {
  it('malformed: HTTP 200 with a body that is not JSON', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'malformed' });
    const response = await status();
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('truncated: the real envelope cut in the middle', async () => {
    const { sim, status, id } = setup();
    sim.inject({ type: 'truncated' });
    const text = await (await status()).text();
    const whole = await (await status()).text();
    expect(whole.startsWith(text)).toBe(true);
    expect(text.length).toBe(Math.floor(whole.length / 2));
    expect(text).toContain(id);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});

describe('connection faults through the fetch face', () => {
  it("drop rejects with TypeError('fetch failed')", async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'drop' });
    await expect(status()).rejects.toThrow(new TypeError('fetch failed'));
    expect(sim.requests[0]?.status).toBe('dropped');
  });

  it('latency delays on the clock, then answers the state at that moment', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'latency', ms: 10_000 });
    let settled = false;
    const pending = status().finally(() => (settled = true));
    await sim.advance(9999);
    expect(settled).toBe(false);
    expect(sim.requests[0]?.status).toBe('pending');
    await sim.advance(1);
    const body = (await (await pending).json()) as { data: { status: string } };
    expect(body.data.status).toBe('finished');
    expect(sim.requests[0]?.status).toBe(200);
  });

  it('hang never answers; an abort rejects with the signal reason', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'hang' });
    const controller = new AbortController();
    const pending = status({ signal: controller.signal });
    await sim.advance(3_600_000);
    const reason = new Error('gave up');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(sim.requests[0]?.status).toBe('hung');
  });

  it('an abort during latency rejects with the reason and cancels the timer', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'latency', ms: 5000 });
    const controller = new AbortController();
    const pending = status({ signal: controller.signal });
    await sim.advance(1000);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(sim.requests[0]?.status).toBe('aborted');
  });

  it('an already-aborted signal rejects without reaching the simulator', async () => {
    const { sim, status } = setup();
    await expect(status({ signal: AbortSignal.abort(new Error('before')) })).rejects.toThrow('before');
    expect(sim.requests).toEqual([]);
  });
});

describe('fault matching', () => {
  it('consumes matching faults first-in first-out, each request one time', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'status', status: 500, times: 2 });
    sim.inject({ type: 'status', status: 502 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await status()).status);
    expect(codes).toEqual([500, 500, 502, 200]);
  });

  it('filters by route and task id', async () => {
    const { sim, status, id } = setup();
    const other = sim.createTask();
    sim.inject({ type: 'status', status: 500, route: 'submit' });
    sim.inject({ type: 'status', status: 503, taskId: other });
    sim.inject({ type: 'status', status: 502, route: 'status', taskId: id });
    expect((await status()).status).toBe(502);
    expect((await status()).status).toBe(200);
    const otherStatus = await sim.fetch(`${sim.baseUrl}/api/generate/status/${other}`, { headers: AUTH });
    expect(otherStatus.status).toBe(503);
    const submit = await sim.fetch(`${sim.baseUrl}/api/generate/submit`, { method: 'POST', headers: AUTH, body: '{}' });
    expect(submit.status).toBe(500);
  });

  it('reports remaining uses, can be removed, and Infinity lasts', async () => {
    const { sim, status } = setup();
    const forever = sim.inject({ type: 'status', status: 500, times: Infinity });
    await status();
    await status();
    expect(forever.remaining).toBe(Infinity);
    forever.remove();
    expect(forever.remaining).toBe(0);
    const twice = sim.inject({ type: 'status', status: 500, times: 2 });
    await status();
    expect(twice.remaining).toBe(1);
    expect((await status()).status).toBe(500);
    expect(twice.remaining).toBe(0);
    expect((await status()).status).toBe(200);
  });

  it('rejects nonsense faults', () => {
    const sim = createVidgoSimulator();
    expect(() => sim.inject({ type: 'status', status: 99 })).toThrow(RangeError);
    expect(() => sim.inject({ type: 'drop', times: 0 })).toThrow(RangeError);
    expect(() => sim.inject({ type: 'latency', ms: -1 })).toThrow(RangeError);
  });

  it('reset clears faults and the log', async () => {
    const { sim, status } = setup();
    sim.inject({ type: 'drop', times: Infinity });
    sim.reset();
    expect(sim.requests).toEqual([]);
    expect((await status()).status).toBe(404);
  });
});
