// The schedule meets Vidgo's clock as it may be: created_time in any zone from UTC−12 to UTC+14,
// the docs' fixed example, missing, or garbage. Waits over the simulator, on virtual time.
import { createVidgoSimulator, seededRandom, VirtualClock } from '@vidgo-sdk/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVidgoClient } from '../../src/index.ts';
import { withCreatedTimeClock, type CreatedTimeClock } from '../support/created-time-zone.ts';

const START = Date.parse('2026-11-12T10:30:00Z');

/** Waits for `tasks` tasks at once; per task, the lag after the finish and the requests sent. */
async function waitAll(
  clock: CreatedTimeClock,
  {
    kind,
    progress,
    tasks,
    seed,
  }: { kind: 'image' | 'video'; progress: 'linear' | 'none'; tasks: number; seed: number },
) {
  const virtual = new VirtualClock({ start: START });
  const simulator = createVidgoSimulator({ clock: virtual, seed, apiKeys: ['key'] });
  const client = createVidgoClient({
    apiKey: 'key',
    baseUrl: simulator.baseUrl,
    fetch: withCreatedTimeClock(simulator.fetch, clock),
    clock: virtual,
  });
  const random = seededRandom(seed);
  const [shortest, longest] = kind === 'image' ? [15_000, 60_000] : [90_000, 300_000];
  const model = kind === 'image' ? 'gpt-image-2' : 'sora-2';
  const runs = Array.from({ length: tasks }, () => {
    const queuedMs = 500 + random() * 2500;
    const durationMs = shortest + random() * (longest - shortest);
    return {
      id: simulator.createTask({ model, queuedMs, durationMs, progress }),
      finishAt: START + queuedMs + durationMs,
    };
  });
  const lags = await virtual.run(
    Promise.all(runs.map(({ id, finishAt }) => client.waitForTask(id, { model }).then(() => virtual.now() - finishAt))),
  );
  const requests = runs.map(({ id }) => simulator.requests.filter((request) => request.taskId === id).length);
  return { lags, requests, durations: runs.map(({ finishAt }) => finishAt - START) };
}

const anyClock: fc.Arbitrary<CreatedTimeClock> = fc.oneof(
  fc.integer({ min: -12 * 60, max: 14 * 60 }).map((offsetMinutes) => ({ offsetMinutes })),
  // The bench's clocks, and a zone too close to UTC to tell apart (its time is believed).
  fc.constantFrom<CreatedTimeClock>(
    'docs-example',
    'missing',
    'garbage',
    { offsetMinutes: 480 },
    { offsetMinutes: -300 },
    { offsetMinutes: -10 },
  ),
);

// Each test runs hundreds of simulated waits on virtual time: CPU-bound, so slow on a loaded machine.
describe('the schedule, whatever zone created_time is written in', () => {
  it('notices a finish with linear progress as soon as with UTC, with as few requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyClock,
        fc.constantFrom<'image' | 'video'>('image', 'video'),
        fc.integer({ min: 1, max: 1000 }),
        async (clock, kind, seed) => {
          const workload = { kind, progress: 'linear' as const, tasks: 12, seed };
          const [zoned, utc] = [await waitAll(clock, workload), await waitAll({ offsetMinutes: 0 }, workload)];
          // Lag bound on virtual time: what UTC meets (p95 ≤ 2 s over many tasks, never above ~3 s).
          for (const lag of zoned.lags) expect(lag).toBeLessThanOrEqual(3500);
          const offset = typeof clock === 'string' ? undefined : clock.offsetMinutes;
          // Only a time that reads under half an hour old is believed: every other clock changes nothing.
          // (At exactly −30 min, created_time's whole seconds put the task just either side of it.)
          if (offset === undefined || offset < -30 || offset >= 1) expect(zoned).toEqual(utc);
        },
      ),
      // A fixed seed: the same 20 cases in every run, so a failure is reproducible and CI is stable.
      { numRuns: 20, seed: 20261130 },
    );
  }, 30_000);

  it('with no progress, polls less than every 2 s and notices the finish within 2 s, on every clock', async () => {
    for (const clock of [
      { offsetMinutes: 0 },
      { offsetMinutes: 480 },
      { offsetMinutes: -300 },
      'docs-example',
      'missing',
      'garbage',
    ] as CreatedTimeClock[]) {
      const { lags, requests, durations } = await waitAll(clock, {
        kind: 'image',
        progress: 'none',
        tasks: 20,
        seed: 7,
      });
      for (const lag of lags) expect(lag).toBeLessThanOrEqual(2000);
      const everyTwoSeconds = durations.reduce((sum, duration) => sum + Math.ceil(duration / 2000) + 1, 0);
      expect(requests.reduce((sum, count) => sum + count, 0)).toBeLessThan(0.8 * everyTwoSeconds);
    }
  }, 30_000);
});
