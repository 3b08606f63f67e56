import { cpus, loadavg } from 'node:os';
import { formatTable } from './format-table.ts';
import type { BareHttpFigures } from './measure-bare-http.ts';
import type { FanOutFigures } from './measure-fan-out.ts';
import { refusedLine, type RefusedFigures } from './measure-refused.ts';
import type { RoundFigures, StatusFigures, StatusOptions } from './measure-status.ts';
import { median } from './percentile.ts';

const DELIVERY_TARGET_MS = 250;
const CACHED_TARGET = 2;

export interface Report {
  /** 100,000 requests with no or a wrong credential: upstream calls and memory. */
  refused: RefusedFigures;
  /** Direct, miss, cached, coalesced: in that order. */
  status: StatusFigures[];
  fanOut: FanOutFigures[];
  /** The same fan-out from a bare node:http server, run after each of `fanOut`. */
  bare: BareHttpFigures[];
  options: Omit<StatusOptions, 'upstreamCalls'>;
  loadAtStart: number;
  started: number;
}

const fixed = (value: number, digits: number) => (Number.isNaN(value) ? '–' : value.toFixed(digits));
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const count = (value: number) => value.toLocaleString('en-US');

/** A ratio per round (the cases of one round ran back to back): its median, and the spread. */
function ratio(top: StatusFigures, bottom: StatusFigures, key: keyof RoundFigures) {
  const each = top.rounds.map((round, index) => round[key] / bottom.rounds[index]![key]);
  return {
    value: median(each),
    text: `${median(each).toFixed(2)}× (rounds ${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})`,
  };
}

/** Prints the tables and the targets; `clean` is false when a run broke (lost watchers, extra loops). */
export function printReport({ refused, status, fanOut, bare, options, loadAtStart, started }: Report): {
  clean: boolean;
} {
  const [direct, miss, cached] = status as [StatusFigures, StatusFigures, StatusFigures];
  console.log(
    `Edge proxy on 127.0.0.1: Node ${process.version}, ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end;`,
  );
  console.log('the proxy, the simulated Vidgo and the load (autocannon, watchers) each in their own process\n');

  console.log(
    `Status GET: ${options.connections} connections, ${options.seconds} s per case, ${options.rounds} interleaved rounds (medians); ` +
      `unloaded: ${options.unloadedRequests} requests one at a time`,
  );
  console.log(
    formatTable(
      ['', 'req/s', 'p50 ms', 'p99 ms', 'unloaded p50 ms', 'unloaded p99 ms', 'upstream calls/req'],
      status.map((row) => [
        row.name,
        count(Math.round(row.requestsPerSecond)),
        String(row.latencyP50Ms),
        String(row.latencyP99Ms),
        fixed(row.unloadedP50Ms, 3),
        fixed(row.unloadedP99Ms, 3),
        fixed(row.upstreamCallsPerRequest, 3),
      ]),
    ),
  );
  const missThroughput = ratio(miss, direct, 'requestsPerSecond');
  const missLatency = ratio(miss, direct, 'unloadedP50Ms');
  const cachedThroughput = ratio(cached, miss, 'requestsPerSecond');
  const cachedLatency = ratio(miss, cached, 'unloadedP50Ms');
  const cachedFaster = cachedThroughput.value >= CACHED_TARGET && cachedLatency.value >= CACHED_TARGET;
  console.log(
    `  proxy miss / direct: throughput ${missThroughput.text}; unloaded p50 latency ${missLatency.text}, +${(miss.unloadedP50Ms - direct.unloadedP50Ms).toFixed(3)} ms`,
  );
  console.log(
    `  cached / miss:       throughput ${cachedThroughput.text}; unloaded p50 latency ${cachedLatency.text} faster\n`,
  );

  console.log(refusedLine(refused));
  console.log(
    '  autocannon, 50 connections; half with no Authorization, half with a new random bearer; memory: the proxy process after full GCs',
  );
  for (const problem of refused.problems) console.log(`  ✗ refused requests: ${problem}`);
  console.log('');

  console.log(
    'SSE fan-out: watchers of one task (linear progress, finished 8 s after it was created), a fresh proxy process for each run',
  );
  console.log(
    formatTable(
      [
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
  console.log(
    '  delivery: from the simulator answering the poll that saw `finished` to each watcher reading it; proxy share: from the',
  );
  console.log(
    '  proxy holding that answer; proxy writes: from that answer to the proxy having written and ended every stream (the rest',
  );
  console.log(
    '  of its share is the sockets and this process reading them); proxy CPU: the proxy process (all threads) from that answer',
  );
  console.log('  to the end of every stream;');
  console.log('  memory: growth of the proxy process with every watcher open, after full GCs');
  for (const row of fanOut)
    for (const problem of row.problems) console.log(`  ✗ ${count(row.watchers)} watchers: ${problem}`);

  console.log(
    '\nThe floor: the same watchers of a bare node:http server that ends every response with one event (nothing of the proxy)',
  );
  console.log(
    formatTable(
      ['watchers', 'delivery p50 ms', 'p99 ms', 'max ms', 'its loop ms', 'proxy p99 / bare p99'],
      bare.map((row, index) => [
        count(row.watchers),
        String(row.deliveryP50Ms),
        String(row.deliveryP99Ms),
        String(row.deliveryMaxMs),
        String(row.loopMs),
        row.deliveryP99Ms >= 1 ? `${(fanOut[index]!.deliveryP99Ms / row.deliveryP99Ms).toFixed(2)}×` : '–',
      ]),
    ),
  );
  console.log(
    "  delivery: from the server starting its loop to each watcher reading the event (the proxy's also holds its upstream call)",
  );
  for (const row of bare)
    for (const problem of row.problems) console.log(`  ✗ bare, ${count(row.watchers)} watchers: ${problem}`);

  const counts = [...new Set(fanOut.map((row) => row.watchers))];
  const p99ByCount = counts.map((watchers) =>
    median(fanOut.filter((row) => row.watchers === watchers).map((row) => row.deliveryP99Ms)),
  );
  const bareP99 = median(bare.filter((row) => row.watchers === counts.at(-1)).map((row) => row.deliveryP99Ms));
  const clean = [...fanOut, ...bare, refused].every((row) => row.problems.length === 0);
  const pollsIndependent = fanOut.every((row) => row.upstreamPolls === fanOut[0]!.upstreamPolls);
  console.log(
    `\nTargets: ${count(counts.at(-1)!)} watchers on one process ${mark(clean)} · ` +
      `upstream polls independent of watchers ${mark(pollsIndependent)} · ` +
      `delivery p99 < ${DELIVERY_TARGET_MS} ms ${mark(Math.max(...p99ByCount) < DELIVERY_TARGET_MS)} (median p99 at ${count(counts.at(-1)!)}: ${p99ByCount.at(-1)} ms; bare node:http: ${bareP99} ms) · ` +
      `cached ≥ ${CACHED_TARGET}× faster than a miss ${mark(cachedFaster)}`,
  );
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s of real time)`);
  return { clean };
}
