import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.ts';
import { simulatedVidgo, useMsw } from '../support/simulated-vidgo.ts';

useMsw();

async function collect(iterable: AsyncIterable<Task>, stopAfter = Infinity): Promise<Task[]> {
  const seen: Task[] = [];
  for await (const task of iterable) {
    seen.push(task);
    if (seen.length >= stopAfter) break;
  }
  return seen;
}

describe('watchTask', () => {
  it('yields each observed change and ends with the terminal task', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const seen = await run(collect(client.watchTask(id)));
    expect(seen.map((task) => `${task.status} ${task.progress}`)).toEqual([
      'not_started 0',
      'running 0',
      'running 45',
      'finished 100',
    ]);
  });

  it('calls onProgress with each task it yields', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const reported: Task[] = [];
    const seen = await run(collect(client.watchTask(id, { onProgress: (task) => reported.push(task) })));
    expect(reported).toEqual(seen);
    expect(reported).toHaveLength(4);
  });

  it('ends with a failed task without throwing', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({ outcome: 'failed' });
    const seen = await run(collect(client.watchTask(id)));
    expect(seen.at(-1)).toMatchObject({ status: 'failed', error_message: 'The prompt violates our content policy' });
  });

  it('stops polling at once when the loop is left', async () => {
    const { simulator, client, clock, run } = simulatedVidgo();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 200_000 });
    const seen = await run(collect(client.watchTask(id, { model: 'sora-2' }), 2));
    expect(seen).toHaveLength(2);
    const sent = simulator.requests.length;
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(600_000);
    expect(simulator.requests).toHaveLength(sent);
  });

  it('sends nothing until iterated', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const id = simulator.createTask();
    const watch = client.watchTask(id);
    await clock.advance(10_000);
    expect(simulator.requests).toHaveLength(0);
    await watch.return();
    expect(clock.pendingTimers).toBe(0);
  });
});
