import type { WaitStats } from './workload.ts';

const seconds = (ms: number, digits = 1) => (ms / 1000).toFixed(digits);

/** `5.4 ±0.1` requests per task. */
export const requestsCell = (stats: WaitStats) =>
  `${stats.requestsPerTask.toFixed(1)} ±${stats.requestsMargin.toFixed(1)}`;

/** `1.9 s [1.8–2.0]`: the p95 lag and its 95 % confidence interval. */
export const lagCell = ({ lagP95Ms, lagP95IntervalMs: [low, high] }: WaitStats) =>
  `${seconds(lagP95Ms, 2)} s [${seconds(low, 2)}–${seconds(high, 2)}]`;

/** A strategy's line: its name, then requests/task, lag p50, lag p95 and lag max right-aligned in their columns. */
const contenderLine = (name: string, [requests, p50, p95, max]: [string, string, string, string]) =>
  `  ${name.padEnd(36)} ${requests.padStart(13)} ${p50.padStart(8)} ${p95.padStart(22)} ${max.padStart(8)}`;

export const contenderHeader = () =>
  contenderLine('strategy', ['requests/task', 'lag p50', 'lag p95 [95 % CI]', 'lag max']);

export const contenderRow = (name: string, stats: WaitStats) =>
  contenderLine(name, [
    requestsCell(stats),
    `${seconds(stats.lagP50Ms)} s`,
    lagCell(stats),
    `${seconds(stats.lagMaxMs)} s`,
  ]);

const CELL = 33;

export const clockHeader = (clocks: string[]) =>
  `  ${''.padEnd(18)}${clocks.map((clock) => clock.padStart(CELL)).join('')}`;

/** One workload of ours across the clocks: `requests/task · lag p95 [CI]` per clock. */
export const clockRow = (name: string, cells: WaitStats[]) =>
  `  ${name.padEnd(18)}${cells.map((stats) => `${requestsCell(stats)} · ${lagCell(stats)}`.padStart(CELL)).join('')}`;
