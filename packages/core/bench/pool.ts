// `pnpm bench:pool`: many tasks submitted together, watched by one TaskPool under a 20 requests/s
// budget, against a simulated Vidgo that answers 429 above that rate. Virtual time.
import { createVidgoClient, TaskPool } from '@vidgo-sdk/core';
import { createVidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';
import { seededRandom } from '@vidgo-sdk/testing';
import { percentile } from './statistics.ts';

const BUDGET = 20;

async function measurePool(tasks: number) {
  const clock = new VirtualClock();
  const simulator = createVidgoSimulator({
    clock,
    seed: tasks,
    apiKeys: ['bench-key'],
    rateLimit: { requestsPerSecond: BUDGET, retryAfterSeconds: 1 },
  });
  const client = createVidgoClient({ apiKey: 'bench-key', baseUrl: simulator.baseUrl, fetch: simulator.fetch, clock });
  const pool = new TaskPool(client, { maxRequestsPerSecond: BUDGET, clock, timeoutMs: 7_200_000 });
  const random = seededRandom(tasks);
  const start = clock.now();
  const finishAt = new Map<string, number>();
  for (let index = 0; index < tasks; index++) {
    const video = index % 2 === 1;
    const [shortest, longest] = video ? [90_000, 300_000] : [15_000, 60_000];
    const queuedMs = 500 + random() * 2500;
    const durationMs = shortest + random() * (longest - shortest);
    const model = video ? 'sora-2' : 'gpt-image-2';
    const id = simulator.createTask({ model, queuedMs, durationMs, progress: 'linear' });
    finishAt.set(id, start + queuedMs + durationMs);
    void pool.add(id, { model, submittedAt: start });
  }
  const lags: number[] = [];
  await clock.run(
    (async () => {
      for await (const result of pool.results()) {
        if (result.error) throw result.error;
        lags.push(clock.now() - finishAt.get(result.taskId)!);
      }
    })(),
    { maxMs: 7_200_000 },
  );
  lags.sort((a, b) => a - b);
  return {
    tooManyRequests: simulator.requests.filter((request) => request.status === 429).length,
    requestsPerTask: simulator.requests.length / tasks,
    p50: percentile(lags, 0.5),
    p95: percentile(lags, 0.95),
    max: lags.at(-1)!,
    spanSeconds: (clock.now() - start) / 1000,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const COLUMN_WIDTHS = [6, 6, 14, 8, 8, 8, 15];
/** A table line: each cell right-aligned in its column. */
const row = (cells: string[]) => `  ${cells.map((cell, index) => cell.padStart(COLUMN_WIDTHS[index]!)).join(' ')}`;
console.log(
  'TaskPool: tasks submitted together (half images 15–60 s, half videos 90–300 s, linear progress), ' +
    `budget ${BUDGET} requests/s, simulator answering 429 above it\n`,
);
console.log(row(['tasks', '429s', 'requests/task', 'lag p50', 'lag p95', 'lag max', 'all done after']));
for (const tasks of [1000, 5000]) {
  const stats = await measurePool(tasks);
  console.log(
    row([
      String(tasks),
      String(stats.tooManyRequests),
      stats.requestsPerTask.toFixed(1),
      seconds(stats.p50),
      seconds(stats.p95),
      seconds(stats.max),
      `${stats.spanSeconds.toFixed(0)} s`,
    ]),
  );
}
