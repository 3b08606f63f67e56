import { describe, expect, it } from 'vitest';
import { settle, simulatedVidgo, useMsw } from '../support/simulated-vidgo.ts';

useMsw();

describe('aborting a wait', () => {
  it('before the first poll: nothing is sent, the reason is thrown', async () => {
    const { simulator, client } = simulatedVidgo();
    const reason = new Error('user left');
    await expect(client.waitForTask('t', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(simulator.requests).toHaveLength(0);
  });

  it('during a poll: rejects at once and sends nothing more', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'hang' });
    const controller = new AbortController();
    const pending = settle(client.waitForTask(id, { signal: controller.signal }));
    await clock.advance(500);
    controller.abort('stop');
    expect((await pending).error).toBe('stop');
    await clock.advance(600_000);
    expect(simulator.requests).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('during a sleep: rejects within the same tick and sends nothing more', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 200_000 });
    const controller = new AbortController();
    const pending = settle(client.waitForTask(id, { signal: controller.signal, model: 'sora-2' }));
    await clock.advance(20_000);
    const sent = simulator.requests.length;
    let rejectedWithinTick = false;
    void pending.then(() => (rejectedWithinTick = true));
    controller.abort('stop');
    // Microtasks only: no timer, no I/O and no other macrotask runs before the rejection.
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejectedWithinTick).toBe(true);
    expect((await pending).error).toBe('stop');
    await clock.advance(600_000);
    expect(simulator.requests).toHaveLength(sent);
    expect(clock.pendingTimers).toBe(0);
  });

  it('during a backoff: rejects at once and sends nothing more', async () => {
    const { simulator, client, clock } = simulatedVidgo({}, { maxRetries: 0 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 50, times: Infinity });
    const controller = new AbortController();
    const pending = settle(client.waitForTask(id, { signal: controller.signal }));
    await clock.advance(10_000);
    expect(simulator.requests).toHaveLength(1);
    controller.abort('stop');
    expect((await pending).error).toBe('stop');
    await clock.advance(600_000);
    expect(simulator.requests).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
