// `pnpm bench:polling`: each schedule against the same simulated tasks, on virtual time.
// Usage: node scripts/run-ts.mjs packages/core/bench/polling.ts [--tasks 2000]
import { awsWaiter, fixed, runway } from './published-strategies.ts';
import { measureWaits, type Contender, type Kind, type Progress, type WaitStats } from './measure-waits.ts';
import { seededRandom } from '@vidgo-sdk/testing';

const tasksFlag = process.argv.indexOf('--tasks');
const tasks = tasksFlag > 0 ? Number(process.argv[tasksFlag + 1]) : 2000;
const only = process.argv.includes('--ours-only');

const contenders = (seed: number): Contender[] => [
  ...(only
    ? []
    : [
        { name: 'fixed 0.5 s (Replicate, fal)', strategy: fixed(500), minIntervalMs: 0 },
        { name: 'fixed 2 s (Vidgo docs example)', strategy: fixed(2000), minIntervalMs: 0 },
        { name: 'fixed 5 s (OpenAI poll helpers)', strategy: fixed(5000), minIntervalMs: 0 },
        { name: '6 ± 1.5 s (Runway)', strategy: runway(seededRandom(seed + 7)), minIntervalMs: 0 },
        { name: 'random exp. 2–120 s (AWS waiters)', strategy: awsWaiter(seededRandom(seed + 11)), minIntervalMs: 0 },
      ]),
  { name: 'ours (adaptive)', minIntervalMs: 2000 },
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const row = (name: string, stats: WaitStats) =>
  `  ${name.padEnd(36)} ${stats.requestsPerTask.toFixed(1).padStart(13)} ${seconds(stats.lagP50Ms).padStart(8)} ${seconds(stats.lagP95Ms).padStart(8)} ${seconds(stats.lagP99Ms).padStart(8)} ${seconds(stats.lagMaxMs).padStart(8)}`;
const started = Date.now();
console.log(`Polling schedules on the simulator, virtual time, ${tasks} tasks per workload (uniform durations: images 15–60 s, videos 90–300 s)\n`);
for (const kind of ['image', 'video'] as Kind[]) {
  // The published schedules ignore progress, so they meet identical tasks in each progress
  // behaviour: measured once per kind, shown in each table.
  const baselines = new Map<string, WaitStats>();
  for (const progress of ['linear', 'stepwise', 'none'] as Progress[]) {
    console.log(`${kind}s, progress ${progress === 'linear' ? 'linear with noise' : progress === 'none' ? 'none until done' : 'stepwise (0 → 45 → 100)'}`);
    console.log(`  ${'strategy'.padEnd(36)} ${'requests/task'.padStart(13)} ${'lag p50'.padStart(8)} ${'lag p95'.padStart(8)} ${'lag p99'.padStart(8)} ${'lag max'.padStart(8)}`);
    const seed = 1000 + tasks;
    for (const contender of contenders(seed)) {
      const reuse = contender.strategy ? baselines.get(contender.name) : undefined;
      const stats = reuse ?? (await measureWaits({ kind, progress, tasks, seed }, contender));
      if (contender.strategy) baselines.set(contender.name, stats);
      console.log(row(contender.name, stats));
    }
    console.log();
  }
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s of real time)`);
