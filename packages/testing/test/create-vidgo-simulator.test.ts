import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import { VirtualClock, realClock } from '../src/virtual-clock.ts';

const AUTH = { authorization: 'Bearer test-key' };

describe('createVidgoSimulator', () => {
  it('runs on a fresh VirtualClock by default, typed as one', async () => {
    const sim = createVidgoSimulator();
    expect(sim.clock).toBeInstanceOf(VirtualClock);
    expect(sim.baseUrl).toBe('https://api.vidgo.ai');
    const id = sim.createTask({ queuedMs: 0, durationMs: 30_000 });
    const later = new Promise((resolve) => sim.clock.setTimeout(() => resolve(sim.getTask(id)?.status), 30_000));
    await expect(sim.clock.run(later)).resolves.toBe('finished');
  });

  it('advance needs a VirtualClock', async () => {
    const sim = createVidgoSimulator({ clock: realClock });
    await expect(sim.advance(10)).rejects.toThrow(/needs a VirtualClock/);
  });

  it('the fetch face works unbound and sets Response.url', async () => {
    const { fetch: simulatedFetch, createTask } = createVidgoSimulator();
    const id = createTask();
    const url = `https://api.vidgo.ai/api/generate/status/${id}`;
    const response = await simulatedFetch(new URL(url), { headers: AUTH });
    expect(response.status).toBe(200);
    expect(response.url).toBe(url);
  });

  it('handle() takes a Request and behaves like the fetch face', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask();
    const response = await sim.handle(new Request(`${sim.baseUrl}/api/generate/status/${id}`, { headers: AUTH }));
    expect(response.status).toBe(200);
    sim.inject({ type: 'drop' });
    await expect(sim.handle(new Request(`${sim.baseUrl}/api/generate/status/${id}`))).rejects.toThrow(TypeError);
    sim.inject({ type: 'hang' });
    const controller = new AbortController();
    const pending = sim.handle(new Request(`${sim.baseUrl}/api/generate/status/${id}`, { signal: controller.signal }));
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('refuses an empty key list', () => {
    expect(() => createVidgoSimulator({ apiKeys: [] })).toThrow(/at least one key/);
  });
});
