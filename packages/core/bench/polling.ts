// `pnpm bench:polling`: each schedule against the same simulated tasks, on virtual time, then
// ours again with `created_time` written in other zones. Runs the engine's step directly against
// the simulator (see simulate-schedule.ts) and cross-checks that against waits over HTTP.
// Usage: node scripts/run-ts.mjs packages/core/bench/polling.ts [--tasks 2000] [--ours-only]
import { seededRandom } from '@vidgo-sdk/testing';
import { describeClock, type CreatedTimeClock } from '../test/support/created-time-zone.ts';
import { measureWaits } from './measure-waits.ts';
import { awsWaiter, fixed, runway } from './published-strategies.ts';
import { clockHeader, clockRow, contenderHeader, contenderRow } from './report.ts';
import { simulateSchedule } from './simulate-schedule.ts';
import type { Contender, Kind, Progress, WaitStats } from './workload.ts';

const tasksFlag = process.argv.indexOf('--tasks');
const tasks = tasksFlag > 0 ? Number(process.argv[tasksFlag + 1]) : 2000;
const only = process.argv.includes('--ours-only');
const seed = 1000 + tasks;
const ours: Contender = { name: 'ours (adaptive)', minIntervalMs: 2000 };
const published: Contender[] = only
  ? []
  : [
      { name: 'fixed 0.5 s (Replicate, fal)', strategy: fixed(500), minIntervalMs: 0 },
      { name: 'fixed 2 s (Vidgo docs example)', strategy: fixed(2000), minIntervalMs: 0 },
      { name: 'fixed 5 s (OpenAI poll helpers)', strategy: fixed(5000), minIntervalMs: 0 },
      { name: '6 ± 1.5 s (Runway)', strategy: runway(seededRandom(seed + 7)), minIntervalMs: 0 },
      { name: 'random exp. 2–120 s (AWS waiters)', strategy: awsWaiter(seededRandom(seed + 11)), minIntervalMs: 0 },
    ];
const KINDS: Kind[] = ['image', 'video'];
const PROGRESS: Progress[] = ['linear', 'stepwise', 'none'];
const CLOCKS: CreatedTimeClock[] = [
  { offsetMinutes: 0 },
  { offsetMinutes: 480 },
  { offsetMinutes: -300 },
  'docs-example',
];
const describeProgress = (progress: Progress) =>
  progress === 'linear' ? 'linear with noise' : progress === 'none' ? 'none until done' : 'stepwise (0 → 45 → 100)';

const started = Date.now();
console.log(
  `Polling schedules on the simulator, virtual time, ${tasks} tasks per workload ` +
    '(uniform durations: images 15–60 s, videos 90–300 s); [..]: 95 % confidence interval, ±: of the mean\n',
);
const fixed2s = new Map<Kind, WaitStats>();
for (const kind of KINDS) {
  // The published schedules ignore progress and created_time: measured once per kind, shown in each table.
  const baselines = new Map(
    published.map((contender) => [contender, simulateSchedule({ kind, progress: 'none', tasks, seed }, contender)]),
  );
  fixed2s.set(
    kind,
    simulateSchedule(
      { kind, progress: 'none', tasks, seed },
      { name: 'fixed 2 s', strategy: fixed(2000), minIntervalMs: 0 },
    ),
  );
  for (const progress of PROGRESS) {
    console.log(`${kind}s, progress ${describeProgress(progress)}, created_time in UTC`);
    console.log(contenderHeader());
    for (const [contender, stats] of baselines) console.log(contenderRow(contender.name, stats));
    console.log(contenderRow(ours.name, simulateSchedule({ kind, progress, tasks, seed }, ours)));
    console.log();
  }
}

console.log(`ours (adaptive) by the zone Vidgo writes created_time in: requests/task ±95 % CI · lag p95 [95 % CI]`);
console.log(clockHeader(CLOCKS.map(describeClock)));
const misses: string[] = [];
for (const kind of KINDS) {
  for (const progress of PROGRESS) {
    const cells = CLOCKS.map((createdTime) => simulateSchedule({ kind, progress, tasks, seed, createdTime }, ours));
    console.log(clockRow(`${kind}, ${progress}`, cells));
    cells.forEach((stats, index) => {
      const where = `${kind}s, progress ${progress}, ${describeClock(CLOCKS[index]!)}`;
      if (progress !== 'stepwise' && stats.lagP95Ms > 2000)
        misses.push(`${where}: p95 lag ${stats.lagP95Ms.toFixed(0)} ms > 2000`);
      const budget =
        progress === 'linear'
          ? kind === 'image'
            ? 6
            : 10
          : progress === 'none'
            ? fixed2s.get(kind)!.requestsPerTask
            : Infinity;
      if (stats.requestsPerTask > budget)
        misses.push(`${where}: ${stats.requestsPerTask.toFixed(1)} requests/task > ${budget.toFixed(1)}`);
    });
  }
}
const targets = [
  'linear: ≤ 6 requests per image, ≤ 10 per video',
  'none: fewer than fixed 2 s',
  'both at p95 lag ≤ 2 s',
].join('; ');
const verdict = misses.length ? `MISSED\n  ${misses.join('\n  ')}` : 'met on every clock';
console.log(`\nTargets (${targets}): ${verdict}`);

// The step simulation must be the engine as waitForTask runs it: the same tasks over HTTP agree.
const check = {
  kind: 'image' as const,
  progress: 'linear' as const,
  tasks: 200,
  seed,
  createdTime: { offsetMinutes: 480 },
};
const [overHttp, stepped] = [await measureWaits(check, ours), simulateSchedule(check, ours)];
const same = JSON.stringify(overHttp) === JSON.stringify(stepped);
const agreement = same ? 'identical to the step simulation' : 'DIFFERENT';
console.log(
  `Cross-check, ${check.tasks} images in UTC+8 through createVidgoClient over the simulator's fetch: ${agreement}`,
);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s of real time)`);
if (misses.length || !same) process.exitCode = 1;
