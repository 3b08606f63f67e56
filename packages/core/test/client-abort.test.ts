import { describe, expect, it } from 'vitest';
import { settle, simulatedVidgo, useMsw } from './support/simulated-vidgo.ts';

useMsw();

describe('abort', () => {
  it('sends nothing when the signal is already aborted, and rejects with its reason', async () => {
    const { simulator, client } = simulatedVidgo();
    const reason = new DOMException('navigated away', 'AbortError');
    await expect(client.getTask('t', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(
      client.submitTask({ model: 'm', input: { prompt: 'p' } }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(simulator.requests).toHaveLength(0);
  });

  it('rejects at once during a request that hangs, and sends nothing more', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'hang', times: Infinity });
    const controller = new AbortController();
    const pending = settle(client.getTask(id, { signal: controller.signal }));
    await clock.advance(1000);
    const reason = new Error('user closed the tab');
    controller.abort(reason);
    expect((await pending).error).toBe(reason);
    await clock.advance(120_000);
    expect(simulator.requests).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects at once during a backoff sleep, and sends nothing more', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 30, times: Infinity });
    const controller = new AbortController();
    const pending = settle(client.getTask(id, { signal: controller.signal }));
    await clock.advance(10_000);
    expect(simulator.requests).toHaveLength(1);
    controller.abort('enough');
    expect((await pending).error).toBe('enough');
    await clock.advance(120_000);
    expect(simulator.requests).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('uses a default AbortError reason when none is given', async () => {
    const { client } = simulatedVidgo();
    const { error } = await settle(client.getTask('t', { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
