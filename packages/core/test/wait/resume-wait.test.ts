import { createVidgoSimulator } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { createVidgoClient, WaitTimeoutError, type WaitState } from '../../src/index.ts';
import { API_KEY, settle, simulatedVidgo, useMsw } from '../support/simulated-vidgo.ts';

useMsw();

describe('resumeWait', () => {
  it('carries a wait on in another client from its JSON state, keeping the deadline', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 200_000, progress: 'linear' });
    let saved = '';
    const controller = new AbortController();
    const first = settle(
      client.waitForTask(id, {
        model: 'sora-2',
        timeoutMs: 600_000,
        signal: controller.signal,
        onState: (state) => (saved = JSON.stringify(state)),
      }),
    );
    await clock.advance(60_000);
    controller.abort('process restarts');
    await first;

    const state = JSON.parse(saved) as WaitState;
    expect(state).toMatchObject({ taskId: id, expected: [90_000, 300_000], status: 'running' });
    expect(state.deadline - state.startedAt).toBe(600_000);
    const before = simulator.requests.length;

    // A new client, as another process would build it; same simulated service and clock.
    const other = createVidgoClient({ apiKey: API_KEY, clock, random: () => 0.5 });
    const states: WaitState[] = [];
    const task = await run(other.resumeWait(state, { onState: (next) => states.push(structuredClone(next)) }));
    expect(task.status).toBe('finished');
    // It went on from where the first left off: same deadline, the count and the rate's anchor kept.
    expect(states[0]).toMatchObject({
      deadline: state.deadline,
      startedAt: state.startedAt,
      attempts: state.attempts + 1,
      anchor: state.anchor,
    });
    expect(simulator.requests.length - before).toBeLessThanOrEqual(8);
  });

  it('times out at the original deadline', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ durationMs: 3_600_000, progress: 'none' });
    const { error } = await settle(run(client.waitForTask(id, { timeoutMs: 30_000 })));
    const state = JSON.parse(JSON.stringify((error as WaitTimeoutError).state)) as WaitState;
    const { error: again } = await settle(run(client.resumeWait(state)));
    expect(again).toBeInstanceOf(WaitTimeoutError);
    expect(clock.now()).toBeLessThanOrEqual(state.deadline);

    const extended = await settle(run(client.resumeWait({ ...state, deadline: clock.now() + 3_700_000 })));
    expect(extended.value?.status).toBe('finished');
  });

  it('sets a new deadline from now with timeoutMs, as WaitTimeoutError suggests', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ durationMs: 90_000, progress: 'none' });
    const { error } = await settle(run(client.waitForTask(id, { timeoutMs: 30_000 })));
    const { state } = error as WaitTimeoutError;
    const resumedAt = clock.now();
    const states: WaitState[] = [];
    const task = await run(client.resumeWait(state, { timeoutMs: 120_000, onState: (next) => states.push(next) }));
    expect(task.status).toBe('finished');
    expect(states[0]).toMatchObject({ deadline: resumedAt + 120_000, startedAt: state.startedAt });
  });

  it('does not change the state it was given', async () => {
    const simulator = createVidgoSimulator({ apiKeys: [API_KEY] });
    const id = simulator.createTask({ queuedMs: 0, durationMs: 1000 });
    const client = createVidgoClient({ apiKey: API_KEY, fetch: simulator.fetch, clock: simulator.clock });
    const state: WaitState = {
      taskId: id,
      startedAt: simulator.clock.now(),
      deadline: simulator.clock.now() + 60_000,
      attempts: 0,
      failures: 0,
    };
    const copy = structuredClone(state);
    await simulator.clock.run(client.resumeWait(state));
    expect(state).toEqual(copy);
  });
});
