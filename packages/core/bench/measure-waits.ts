import { createVidgoClient } from '@vidgo-sdk/core';
import { createVidgoSimulator, seededRandom, VirtualClock } from '@vidgo-sdk/testing';
import { withCreatedTimeClock } from '../test/support/created-time-zone.ts';
import { DURATIONS, MODELS, START, summarize, type Contender, type WaitStats, type Workload } from './workload.ts';

/**
 * Submits `tasks` tasks at one instant on a simulated Vidgo (virtual time) and waits for all of
 * them at once through the client, over HTTP. Lag: from the moment a task finished to the moment
 * its waiter knew. About 0.5 ms of real time per request: the cross-check of `simulateSchedule`.
 */
export async function measureWaits(workload: Workload, contender: Contender): Promise<WaitStats> {
  const clock = new VirtualClock({ start: START });
  const simulator = createVidgoSimulator({ clock, seed: workload.seed, apiKeys: ['bench-key'] });
  const fetch = withCreatedTimeClock(simulator.fetch, workload.createdTime ?? { offsetMinutes: 0 });
  const client = createVidgoClient({ apiKey: 'bench-key', baseUrl: simulator.baseUrl, fetch, clock });
  const random = seededRandom(workload.seed);
  const [shortest, longest] = DURATIONS[workload.kind];
  const model = MODELS[workload.kind];
  const finishAt: number[] = [];
  const ids = Array.from({ length: workload.tasks }, (_, index) => {
    const queuedMs = 500 + random() * 2500;
    const durationMs = shortest + random() * (longest - shortest);
    finishAt[index] = START + queuedMs + durationMs;
    return simulator.createTask({ model, queuedMs, durationMs, progress: workload.progress });
  });
  const lags: number[] = [];
  const options = {
    model,
    minIntervalMs: contender.minIntervalMs,
    timeoutMs: 3_600_000,
    ...(contender.strategy ? { strategy: contender.strategy } : {}),
  };
  const waits = ids.map((id, index) =>
    client.waitForTask(id, options).then(() => (lags[index] = clock.now() - finishAt[index]!)),
  );
  await clock.run(Promise.all(waits), { maxMs: 7_200_000 });
  const requests = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const request of simulator.requests) requests.set(request.taskId!, requests.get(request.taskId!)! + 1);
  return summarize(
    lags,
    ids.map((id) => requests.get(id)!),
  );
}
