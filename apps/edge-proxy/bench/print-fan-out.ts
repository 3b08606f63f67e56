import type { BenchRuntime, PinnedCpus } from './bench-child.ts';
import { formatTable } from './format-table.ts';
import { type BareHttpFigures, IDLE_MS } from './measure-bare-http.ts';
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
export function printFanOut(
  fanOut: RuntimeFanOut[],
  bare: RuntimeBare[],
  pinned: PinnedCpus | undefined,
): { targets: string; ratiosMet: boolean } {
  say(
    'SSE fan-out: watchers of one task (linear progress, finished 8 s after it was created),',
    "a fresh proxy process for each run, warmed up by a first task's 1,000 watchers to its end;",
    pinned
      ? `the server on CPU ${pinned.server}, the watchers' process on CPU ${pinned.load} (busy while it waits)`
      : 'the processes where the scheduler puts them',
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
    'that ends every response with one event (nothing of the proxy), run right after the proxy on that runtime,',
    'in a fresh process on the same CPU, warmed up the same way, ' +
      `its streams silent ${IDLE_MS / 1000} s before the event as the proxy's wait for their task`,
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

  // Judged at the largest count on the ratios of pairs: each proxy run over the bare server's run
  // right after it, which met the same machine; their median is the figure. A ratio of medians
  // would pair a proxy run with a bare run from another minute, when the machine ran other work.
  const largest = Math.max(...fanOut.map((row) => row.watchers));
  const runtimes = [...new Set(fanOut.map((row) => row.runtime))];
  const judged = runtimes.map((runtime) => {
    const pairs = fanOut.flatMap((row, index) =>
      row.runtime === runtime && row.watchers === largest ? [{ proxy: row, bare: bare[index]! }] : [],
    );
    // A floor under 1 ms is below what a millisecond clock can compare: only the proxy's side counts then.
    const each = pairs.map(({ proxy, bare }) => proxy.deliveryP99Ms / Math.max(1, bare.deliveryP99Ms));
    const ratio = median(each);
    const proxyP99 = median(pairs.map((pair) => pair.proxy.deliveryP99Ms));
    const bareP99 = median(pairs.map((pair) => pair.bare.deliveryP99Ms));
    return { runtime, proxyP99, bareP99, each, ratio, met: ratio <= BARE_RATIO_TARGET };
  });
  const best = [...judged].sort((a, b) => a.proxyP99 - b.proxyP99)[0]!;
  const ratios = judged
    .map(
      ({ runtime, proxyP99, bareP99, each, ratio, met }) =>
        `\n  ${NAMES[runtime]} ${fixed(ratio, 2)}× ${met ? '✓' : '✗'} ` +
        `(runs ${each.map((value) => fixed(value, 2)).join(', ')}; median p99s ${proxyP99} / ${bareP99} ms)`,
    )
    .join('');
  const others = judged
    .filter((row) => row !== best)
    .map((row) => `${NAMES[row.runtime]} ${row.proxyP99} ms`)
    .join(', ');
  const watchers = count(largest);
  const targets =
    `delivery p99 at ${watchers} ≤ ${BARE_RATIO_TARGET}× the bare server of its runtime ` +
    `(median of the runs' ratios): ${ratios}\n` +
    `Fan-out is served best on ${NAMES[best.runtime]}: median delivery p99 at ${watchers} watchers ` +
    `${best.proxyP99} ms${others ? ` (${others})` : ''}`;
  return { targets, ratiosMet: judged.every((row) => row.met) };
}
