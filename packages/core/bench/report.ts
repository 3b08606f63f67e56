import type { WaitStats } from './workload.ts';

const seconds = (ms: number, digits = 1) => (ms / 1000).toFixed(digits);

/** `5.4 ±0.1` requests per task. */
export const requestsCell = (stats: WaitStats) =>
  `${stats.requestsPerTask.toFixed(1)} ±${stats.requestsMargin.toFixed(1)}`;

/** `1.9 s [1.8–2.0]`: the p95 lag and its 95 % confidence interval. */
export const lagCell = ({ lagP95Ms, lagP95IntervalMs: [low, high] }: WaitStats) =>
  `${seconds(lagP95Ms, 2)} s [${seconds(low, 2)}–${seconds(high, 2)}]`;

export const contenderHeader = () =>
  `  ${'strategy'.padEnd(36)} ${'requests/task'.padStart(13)} ${'lag p50'.padStart(8)} ${'lag p95 [95 % CI]'.padStart(22)} ${'lag max'.padStart(8)}`;

export const contenderRow = (name: string, stats: WaitStats) =>
  `  ${name.padEnd(36)} ${requestsCell(stats).padStart(13)} ${`${seconds(stats.lagP50Ms)} s`.padStart(8)} ${lagCell(stats).padStart(22)} ${`${seconds(stats.lagMaxMs)} s`.padStart(8)}`;

const CELL = 33;

export const clockHeader = (clocks: string[]) =>
  `  ${''.padEnd(18)}${clocks.map((clock) => clock.padStart(CELL)).join('')}`;

/** One workload of ours across the clocks: `requests/task · lag p95 [CI]` per clock. */
export const clockRow = (name: string, cells: WaitStats[]) =>
  `  ${name.padEnd(18)}${cells.map((stats) => `${requestsCell(stats)} · ${lagCell(stats)}`.padStart(CELL)).join('')}`;
