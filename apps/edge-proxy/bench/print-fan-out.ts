import type { BenchRuntime } from './bench-child.ts';
import { formatTable } from './format-table.ts';
import type { BareHttpFigures } from './measure-bare-http.ts';
import type { FanOutFigures } from './measure-fan-out.ts';
import { median } from './percentile.ts';

/** At the largest count, each entrypoint's delivery p99 at most this many times its runtime's bare server's. */
export const BARE_RATIO_TARGET = 1.25;

export type RuntimeFanOut = FanOutFigures & { runtime: BenchRuntime };
export type RuntimeBare = BareHttpFigures & { runtime: BenchRuntime };

const NAMES: Record<BenchRuntime, string> = { node: 'Node', deno: 'Deno', bun: 'Bun' };
const BARE_NAMES: Record<BenchRuntime, string> = { node: 'node:http', deno: 'Deno.serve', bun: 'Bun.serve' };
const fixed = (value: number, digits: number) => (Number.isNaN(value) ? '–' : value.toFixed(digits));
const count = (value: number) => value.toLocaleString('en-US');
const say = (...lines: string[]) => console.log(lines.join('\n'));

/**
 * The fan-out tables, the proxy's and the bare servers' (rows in the order they ran: each count
 * on each runtime in turn, the bare run right after its proxy run), then per runtime the ratio
 * target at the largest count and which runtime delivered fastest. Returns the targets' text.
 */
export function printFanOut(fanOut: RuntimeFanOut[], bare: RuntimeBare[]): { targets: string; ratiosMet: boolean } {
  say(
    'SSE fan-out: watchers of one task (linear progress, finished 8 s after it was created),',
    'a fresh proxy process for each run',
  );
  console.log(
    formatTable(
      [
        'runtime',
        'watchers',
        'upstream polls',
        'events/watcher',
        'delivery p50 ms',
        'p99 ms',
        'max ms',
        'proxy share max ms',
        'proxy writes ms',
        'proxy CPU ms',
        'heap KB/watcher',
        'RSS KB/watcher',
        'open s',
      ],
      fanOut.map((row) => [
        NAMES[row.runtime],
        count(row.watchers),
        String(row.upstreamPolls),
        row.eventsPerWatcher[0] === row.eventsPerWatcher[1]
          ? String(row.eventsPerWatcher[0])
          : row.eventsPerWatcher.join('–'),
        String(row.deliveryP50Ms),
        String(row.deliveryP99Ms),
        String(row.deliveryMaxMs),
        String(row.fanOutMaxMs),
        fixed(row.proxyWritesMs, 0),
        fixed(row.fanOutCpuMs, 0),
        fixed(row.heapPerWatcherKB, 1),
        fixed(row.rssPerWatcherKB, 1),
        (row.openMs / 1000).toFixed(1),
      ]),
    ),
  );
  say(
    '  delivery: from the simulator answering the poll that saw `finished` to each watcher reading it;',
    '  proxy share: from the proxy holding that answer; proxy writes: from that answer to the proxy having',
    '  written and ended every stream (the rest of its share is the sockets and this process reading them);',
    '  proxy CPU: the proxy process (all threads) from that answer to the end of every stream;',
    '  memory: growth of the proxy process with every watcher open, after full GCs (Bun: its own collector)',
  );
  for (const row of fanOut)
    for (const problem of row.problems)
      console.log(`  ✗ ${NAMES[row.runtime]}, ${count(row.watchers)} watchers: ${problem}`);

  say(
    '\nThe floor: the same watchers of a bare server of each runtime (node:http, Deno.serve, Bun.serve)',
    'that ends every response with one event (nothing of the proxy), run right after the proxy on that runtime',
  );
  console.log(
    formatTable(
      ['server', 'watchers', 'delivery p50 ms', 'p99 ms', 'max ms', 'its loop ms', 'proxy p99 / bare p99'],
      bare.map((row, index) => [
        BARE_NAMES[row.runtime],
        count(row.watchers),
        String(row.deliveryP50Ms),
        String(row.deliveryP99Ms),
        String(row.deliveryMaxMs),
        String(row.loopMs),
        row.deliveryP99Ms >= 1 ? `${(fanOut[index]!.deliveryP99Ms / row.deliveryP99Ms).toFixed(2)}×` : '–',
      ]),
    ),
  );
  say(
    '  delivery: from the server starting its loop to each watcher reading the event',
    "  (the proxy's delivery also holds its upstream call)",
  );
  for (const row of bare)
    for (const problem of row.problems)
      console.log(`  ✗ bare ${BARE_NAMES[row.runtime]}, ${count(row.watchers)} watchers: ${problem}`);

  // Judged on the medians of the runs at the largest count, proxy and bare server of one runtime.
  const largest = Math.max(...fanOut.map((row) => row.watchers));
  const runtimes = [...new Set(fanOut.map((row) => row.runtime))];
  const medianP99 = (
    rows: { runtime: BenchRuntime; watchers: number; deliveryP99Ms: number }[],
    runtime: BenchRuntime,
  ) =>
    median(rows.filter((row) => row.runtime === runtime && row.watchers === largest).map((row) => row.deliveryP99Ms));
  const judged = runtimes.map((runtime) => {
    const proxyP99 = medianP99(fanOut, runtime);
    const bareP99 = medianP99(bare, runtime);
    // A floor under 1 ms is below what a millisecond clock can compare: only the proxy's side counts then.
    const ratio = proxyP99 / Math.max(1, bareP99);
    return { runtime, proxyP99, bareP99, ratio, met: ratio <= BARE_RATIO_TARGET };
  });
  const best = [...judged].sort((a, b) => a.proxyP99 - b.proxyP99)[0]!;
  const ratios = judged
    .map(
      ({ runtime, proxyP99, bareP99, ratio, met }) =>
        `${NAMES[runtime]} ${proxyP99} / ${bareP99} ms = ${fixed(ratio, 2)}× ${met ? '✓' : '✗'}`,
    )
    .join(', ');
  const others = judged
    .filter((row) => row !== best)
    .map((row) => `${NAMES[row.runtime]} ${row.proxyP99} ms`)
    .join(', ');
  const watchers = count(largest);
  const targets =
    `delivery p99 at ${watchers} ≤ ${BARE_RATIO_TARGET}× the bare server of its runtime (medians): ${ratios}\n` +
    `Fan-out is served best on ${NAMES[best.runtime]}: median delivery p99 at ${watchers} watchers ` +
    `${best.proxyP99} ms${others ? ` (${others})` : ''}`;
  return { targets, ratiosMet: judged.every((row) => row.met) };
}
