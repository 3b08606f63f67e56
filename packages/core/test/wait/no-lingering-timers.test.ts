import { createVidgoSimulator, realClock } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { createVidgoClient, WaitTimeoutError } from '../../src/index.ts';

// Real timers here, on purpose: a Node process only exits when no timer is left, so this is what
// a script that awaits a wait and ends would see.
const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

// The test runner keeps short timers of its own (its reports to the main process), which come and
// go on a loaded machine: give them up to 100 ms to clear. What a wait could leave behind lasts
// seconds (a 2 s poll interval, a 30 s request timeout), so it still shows.
async function timersLeftOver(before: number): Promise<number> {
  for (let waited = 0; timers() > before && waited < 100; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return timers() - before;
}

describe('a settled wait leaves no timer in the runtime', () => {
  const simulator = createVidgoSimulator({ clock: realClock, apiKeys: ['k'] });
  const client = createVidgoClient({ apiKey: 'k', fetch: simulator.fetch });

  it('after finishing', async () => {
    const before = timers();
    const id = simulator.createTask({ queuedMs: 0, durationMs: 0 });
    await client.waitForTask(id);
    expect(await timersLeftOver(before)).toBeLessThanOrEqual(0);
  });

  it('after timing out', async () => {
    const before = timers();
    const id = simulator.createTask();
    simulator.inject({ type: 'hang' });
    await expect(client.waitForTask(id, { timeoutMs: 30 })).rejects.toBeInstanceOf(WaitTimeoutError);
    expect(await timersLeftOver(before)).toBeLessThanOrEqual(0);
  });

  it('after being aborted', async () => {
    const before = timers();
    const id = simulator.createTask({ durationMs: 60_000 });
    const controller = new AbortController();
    const waiting = client.waitForTask(id, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort('stop');
    await expect(waiting).rejects.toBe('stop');
    expect(await timersLeftOver(before)).toBeLessThanOrEqual(0);
  });
});
