import type { PinnedCpus } from './bench-child.ts';
import { cpus, loadavg } from 'node:os';
import { formatTable } from './format-table.ts';
import { refusedLine, type RefusedFigures } from './measure-refused.ts';
import type { RoundFigures, StatusFigures, StatusOptions } from './measure-status.ts';
import { median } from './percentile.ts';
import { printFanOut, type RuntimeBare, type RuntimeFanOut } from './print-fan-out.ts';

const CACHED_TARGET = 2;

export interface Report {
  /** 100,000 requests with no or a wrong credential: upstream calls and memory. */
  refused: RefusedFigures;
  /** Direct, miss, cached, coalesced: in that order. */
  status: StatusFigures[];
  /** Each count on each runtime in turn. */
  fanOut: RuntimeFanOut[];
  /** The same fan-out from a bare server of the same runtime, run after each of `fanOut`. */
  bare: RuntimeBare[];
  /** Where the fan-out's server and watchers ran, when pinned. */
  pinned: PinnedCpus | undefined;
  /** The fan-out's runtimes with their versions. */
  runtimes: string[];
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
export function printReport({
  refused,
  status,
  fanOut,
  bare,
  pinned,
  runtimes,
  options,
  loadAtStart,
  started,
}: Report): {
  clean: boolean;
} {
  const [direct, miss, cached] = status as [StatusFigures, StatusFigures, StatusFigures];
  console.log(
    `Edge proxy on 127.0.0.1: ${runtimes.join(', ')}; ${cpus().length} cores, ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end;`,
  );
  console.log('the proxy, the simulated Vidgo and the load (autocannon, watchers) each in their own process\n');

  console.log(
    `Status GET: ${options.connections} connections, ${options.seconds} s per case, ` +
      `${options.rounds} interleaved rounds (medians); ` +
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
  const missAddedMs = (miss.unloadedP50Ms - direct.unloadedP50Ms).toFixed(3);
  console.log(
    `  proxy miss / direct: throughput ${missThroughput.text}; ` +
      `unloaded p50 latency ${missLatency.text}, +${missAddedMs} ms`,
  );
  console.log(
    `  cached / miss:       throughput ${cachedThroughput.text}; unloaded p50 latency ${cachedLatency.text} faster\n`,
  );

  console.log(refusedLine(refused));
  console.log(
    '  autocannon, 50 connections; half with no Authorization, half with a new random bearer; ' +
      'memory: the proxy process after full GCs',
  );
  for (const problem of refused.problems) console.log(`  ✗ refused requests: ${problem}`);
  console.log('');

  const fanOutTargets = printFanOut(fanOut, bare, pinned);

  const clean = [...fanOut, ...bare, refused].every((row) => row.problems.length === 0);
  const pollsIndependent = fanOut.every((row) => row.upstreamPolls === fanOut[0]!.upstreamPolls);
  const largest = Math.max(...fanOut.map((row) => row.watchers));
  console.log(
    `\nTargets: ${count(largest)} watchers on one process ${mark(clean)} · ` +
      `upstream polls independent of watchers and runtime ${mark(pollsIndependent)} · ` +
      `cached ≥ ${CACHED_TARGET}× faster than a miss ${mark(cachedFaster)} · ${fanOutTargets.targets}`,
  );
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s of real time)`);
  return { clean };
}
