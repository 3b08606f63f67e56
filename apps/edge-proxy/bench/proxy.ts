// `pnpm bench:proxy`: the edge proxy's cost on a status miss, its cache, and its SSE fan-out on
// Node, Deno and Bun side by side, all on 127.0.0.1, in separate processes: this one (the load and
// the watchers), the simulated Vidgo, and the proxy (each fan-out beside a bare server of its own
// runtime). Usage: node scripts/run-ts.mjs apps/edge-proxy/bench/proxy.ts [--quick] [--refused-only]
// [--fan-out-only] [--runtimes=node,deno,bun] [--counts=10000,10000,10000]
import { loadavg } from 'node:os';
import {
  BENCH_RUNTIMES,
  type BenchChild,
  type BenchRuntime,
  type PinnedCpus,
  pinnedCpus,
  startChild,
} from './bench-child.ts';
import type { BareHttpInfo } from './bare-http-process.ts';
import { measureBareHttp, type BareHttpFigures } from './measure-bare-http.ts';
import { measureFanOut, type FanOutFigures } from './measure-fan-out.ts';
import { measureRefused, refusedLine, type RefusedFigures } from './measure-refused.ts';
import { measureStatus } from './measure-status.ts';
import { printFanOut, type RuntimeBare, type RuntimeFanOut } from './print-fan-out.ts';
import { printReport } from './print-report.ts';
import type { ProxyInfo, ProxyStats } from './proxy-probe.ts';
import { measureLatency } from './status-load.ts';
import type { UpstreamInfo } from './upstream-process.ts';

const quick = process.argv.includes('--quick');
// Just the refused-requests phase (while working on it).
const refusedOnly = process.argv.includes('--refused-only');
// Just the fan-out, proxy and bare server (while working on it).
const fanOutOnly = process.argv.includes('--fan-out-only');
const option = (name: string) =>
  process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
// The fan-out's runtimes (while working on one of them).
const runtimesArgument = option('runtimes');
const RUNTIMES = runtimesArgument
  ? BENCH_RUNTIMES.filter((runtime) => runtimesArgument.split(',').includes(runtime))
  : BENCH_RUNTIMES;
const PROXY_FILES: Record<BenchRuntime, string> = {
  node: 'proxy-process.ts',
  deno: 'proxy-process-deno.ts',
  bun: 'proxy-process-bun.ts',
};
// More flags for the Node proxies and bare server (`--cpu-prof`, `--trace-gc`) while working on them.
const NODE_FLAGS = process.env.BENCH_NODE_FLAGS?.split(' ') ?? [];
const REFUSED = 100_000;
const STATUS = {
  rounds: quick ? 3 : 5,
  connections: 50,
  seconds: 1,
  warmUpSeconds: 1,
  unloadedRequests: quick ? 200 : 400,
};
const TASKS = 1000;
// The largest count five times: one run at ten thousand is at the mercy of whatever else the
// machine runs in that second (the same bare server's p99 varied from 180 to 380 ms here); the
// targets are judged on the medians. Each count runs on every runtime in turn, so that the
// runtimes meet the same machine.
const LARGEST = Array.from({ length: 5 }, () => 10_000);
const FAN_OUT = option('counts')?.split(',').map(Number) ?? (quick ? [1, 100, 1000] : [1, 100, 1000, ...LARGEST]);
// Shaped like a real key; it only ever goes to the simulator on 127.0.0.1.
const UPSTREAM_KEY = 'vk_bench_proxy_upstream_7c1e9a40';

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const children: BenchChild<unknown>[] = [];
const stopAll = () => Promise.allSettled(children.map((child) => child.stop()));
// Bounded whatever happens: a hung phase must not leave processes behind.
const watchdog = setTimeout(() => {
  console.error('bench:proxy: still running after 15 minutes, giving up');
  void stopAll().finally(() => process.exit(1));
}, 900_000);

const statusPath = (taskId: string) => `/api/generate/status/${encodeURIComponent(taskId)}`;

async function main() {
  const upstream = await startChild<UpstreamInfo>('upstream-process.ts', { BENCH_UPSTREAM_KEY: UPSTREAM_KEY });
  children.push(upstream);
  const startProxy = async (settings: Record<string, string> = {}, runtime: BenchRuntime = 'node', cpu?: number) => {
    const env = {
      BENCH_UPSTREAM_KEY: UPSTREAM_KEY,
      BENCH_UPSTREAM_URL: upstream.info.url,
      BENCH_PROXY_SETTINGS: JSON.stringify(settings),
    };
    const proxy = await startChild<ProxyInfo>(PROXY_FILES[runtime], env, {
      runtime,
      execArgv: runtime === 'node' ? ['--expose-gc', ...NODE_FLAGS] : [],
      ...(cpu === undefined ? {} : { cpu }),
    });
    children.push(proxy);
    return proxy;
  };

  if (fanOutOnly) return { ...(await measureFanOuts(startProxy, upstream)), refused: undefined, status: undefined };
  // What requests without a valid credential cost: nothing upstream, nothing kept.
  const refused = await measureRefused(REFUSED, upstream, startProxy);
  if (refusedOnly) {
    await stopAll();
    return { refused, status: undefined, fanOut: undefined, bare: undefined, pinned: undefined, runtimes: [] };
  }

  const proxy = await startProxy();
  // Running for the whole benchmark, so that every uncached GET goes upstream; and finished ones.
  const running = (
    await upstream.call<string[]>('createTasks', { count: TASKS, script: { queuedMs: 0, durationMs: 3_600_000 } })
  ).map(statusPath);
  const finished = (
    await upstream.call<string[]>('createTasks', { count: TASKS, script: { queuedMs: 0, durationMs: 0 } })
  ).map(statusPath);
  // One GET per finished task fills the proxy's cache.
  await measureLatency({ origin: proxy.info.url, paths: finished }, TASKS);
  const status = await measureStatus(
    [
      {
        name: 'direct to the simulator',
        target: { origin: upstream.info.url, paths: running, headers: { authorization: `Bearer ${UPSTREAM_KEY}` } },
        unloaded: true,
        viaProxy: false,
      },
      {
        name: `proxy, miss (${TASKS} running tasks)`,
        target: { origin: proxy.info.url, paths: running },
        unloaded: true,
        viaProxy: true,
      },
      {
        name: `proxy, cached (${TASKS} finished tasks)`,
        target: { origin: proxy.info.url, paths: finished },
        unloaded: true,
        viaProxy: true,
      },
      {
        name: 'proxy, one running task (coalesced)',
        target: { origin: proxy.info.url, paths: running.slice(0, 1) },
        unloaded: false,
        viaProxy: true,
      },
    ],
    { ...STATUS, upstreamCalls: async () => (await proxy.call<ProxyStats>('stats')).upstreamCalls },
  );
  await proxy.stop();
  return { refused, status, ...(await measureFanOuts(startProxy, upstream)) };
}

async function measureFanOuts(
  startProxy: (settings: Record<string, string>, runtime: BenchRuntime, cpu?: number) => Promise<BenchChild<ProxyInfo>>,
  upstream: BenchChild<UpstreamInfo>,
) {
  const cpus = process.env.BENCH_NO_PIN ? undefined : pinnedCpus();
  // The watchers' process spins while it waits for an event (see `settled`), on its own CPU only.
  const spin = cpus !== undefined;
  // Each run of the proxy is followed by one of a bare server of its runtime at the same count
  // (node:http; Deno.serve, Bun.serve), so that both meet the same machine: the floor the proxy
  // on that runtime is measured against. Each in a fresh process, warmed up the same way, so that
  // neither has run its code more than the other.
  const runtimeNames = new Map<BenchRuntime, string>();
  const startBare = async (runtime: BenchRuntime) => {
    const file = runtime === 'node' ? 'bare-http-process.ts' : 'bare-web-process.ts';
    const execArgv = runtime === 'node' ? NODE_FLAGS : [];
    const bareServer = await startChild<BareHttpInfo>(
      file,
      {},
      { runtime, execArgv, ...(cpus ? { cpu: cpus.server } : {}) },
    );
    children.push(bareServer);
    runtimeNames.set(runtime, bareServer.info.runtime);
    return bareServer;
  };
  const fanOut: (FanOutFigures & { runtime: BenchRuntime })[] = [];
  const bare: (BareHttpFigures & { runtime: BenchRuntime })[] = [];
  for (const count of FAN_OUT) {
    for (const runtime of RUNTIMES) {
      const proxyRun = await measureFanOut(count, upstream, () => startProxy({}, runtime, cpus?.server), { spin });
      fanOut.push({ runtime, ...proxyRun });
      bare.push({ runtime, ...(await measureBareHttp(count, () => startBare(runtime), { spin })) });
    }
  }
  await stopAll();
  return { fanOut, bare, pinned: cpus, runtimes: RUNTIMES.map((runtime) => runtimeNames.get(runtime)!) };
}

function printFanOutOnly(
  fanOut: RuntimeFanOut[],
  bare: RuntimeBare[],
  pinned: PinnedCpus | undefined,
  runtimes: string[],
): { clean: boolean } {
  const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
  console.log(`Edge proxy fan-out on 127.0.0.1: ${runtimes.join(', ')}; ${load}\n`);
  console.log(printFanOut(fanOut, bare, pinned).targets);
  return { clean: [...fanOut, ...bare].every((row) => row.problems.length === 0) };
}

function printRefused(refused: RefusedFigures): { clean: boolean } {
  console.log(refusedLine(refused));
  for (const problem of refused.problems) console.log(`  ✗ ${problem}`);
  return { clean: refused.problems.length === 0 };
}

try {
  const { refused, status, fanOut, bare, pinned, runtimes } = await main();
  const { clean } =
    refused && status && fanOut && bare
      ? printReport({ refused, status, fanOut, bare, pinned, runtimes, options: STATUS, loadAtStart, started })
      : refused
        ? printRefused(refused)
        : printFanOutOnly(fanOut, bare, pinned, runtimes);
  // A broken run (lost watchers, failed requests) fails; a missed performance target is only reported.
  if (!clean) process.exitCode = 1;
} catch (error) {
  console.error(`bench:proxy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  await stopAll();
} finally {
  clearTimeout(watchdog);
}
