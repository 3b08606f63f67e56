// The engine's step (`pollStep`) driven directly against the simulator's task model, one task
// after another, with time jumping from poll to poll. It is the same engine that `waitForTask`
// drives over HTTP, minus the HTTP: a poll costs microseconds instead of the ~0.5 ms of a
// request through the client, the simulator and a virtual clock, so every workload keeps its
// 2000 tasks and the whole benchmark runs in seconds. `measureWaits` (over HTTP) cross-checks it.
import type { Task } from '@vidgo-sdk/core';
import { pollStep, startWait } from '@vidgo-sdk/core/internal';
import { createVidgoSimulator, seededRandom } from '@vidgo-sdk/testing';
import { rewriteCreatedTime } from '../test/support/created-time-zone.ts';
import { DURATIONS, MODELS, START, summarize, type Contender, type WaitStats, type Workload } from './workload.ts';

export function simulateSchedule(workload: Workload, contender: Contender): WaitStats {
  let now = START;
  const clock = { now: () => now, setTimeout: () => undefined, clearTimeout: () => {} };
  const simulator = createVidgoSimulator({ clock, seed: workload.seed, apiKeys: ['bench-key'] });
  const random = seededRandom(workload.seed);
  const [shortest, longest] = DURATIONS[workload.kind];
  const model = MODELS[workload.kind];
  const options = {
    minIntervalMs: contender.minIntervalMs,
    ...(contender.strategy ? { strategy: contender.strategy } : {}),
  };
  const lags: number[] = [];
  const requests: number[] = [];
  for (let index = 0; index < workload.tasks; index++) {
    // Tasks run one after another, an hour apart: each meets the schedule alone, as over HTTP.
    now = START + index * 3_600_000;
    const queuedMs = 500 + random() * 2500;
    const durationMs = shortest + random() * (longest - shortest);
    const id = simulator.createTask({ model, queuedMs, durationMs, progress: workload.progress });
    let state = startWait(id, { model, timeoutMs: 3_600_000 }, now);
    let polls = 0;
    for (let action = pollStep(state, { due: true }, now, options).action; action.type === 'sleep'; ) {
      now += action.ms;
      const task = simulator.getTask(id) as Task;
      const written = rewriteCreatedTime(task.created_time!, workload.createdTime ?? { offsetMinutes: 0 });
      if (written === undefined) delete task.created_time;
      else task.created_time = written;
      polls++;
      const step = pollStep(state, { task }, now, options);
      state = step.state;
      action = step.action;
      if (action.type === 'timeout') throw new Error(`bench: ${id} timed out`);
    }
    lags.push(now - (START + index * 3_600_000 + queuedMs + durationMs));
    requests.push(polls);
  }
  return summarize(lags, requests);
}
