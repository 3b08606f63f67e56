// `pnpm bench:proxy`: the edge proxy's cost on a status miss, its cache, and its SSE fan-out on
// Node, Deno and Bun side by side, all on 127.0.0.1, in separate processes: this one (the load and
// the watchers), the simulated Vidgo, and the proxy (each fan-out beside a bare server of its own
// runtime). Usage: node scripts/run-ts.mjs apps/edge-proxy/bench/proxy.ts [--quick] [--refused-only]
// [--runtimes=node,deno,bun]
import { loadavg } from 'node:os';
import { BENCH_RUNTIMES, type BenchChild, type BenchRuntime, startChild } from './bench-child.ts';
import type { BareHttpInfo } from './bare-http-process.ts';
import { measureBareHttp, type BareHttpFigures } from './measure-bare-http.ts';
import { measureFanOut, type FanOutFigures } from './measure-fan-out.ts';
import { measureRefused, refusedLine, type RefusedFigures } from './measure-refused.ts';
import { measureStatus } from './measure-status.ts';
import { printReport } from './print-report.ts';
import type { ProxyInfo, ProxyStats } from './proxy-probe.ts';
import { measureLatency } from './status-load.ts';
import type { UpstreamInfo } from './upstream-process.ts';

const quick = process.argv.includes('--quick');
// Just the refused-requests phase (while working on it).
const refusedOnly = process.argv.includes('--refused-only');
// The fan-out's runtimes (while working on one of them).
const runtimesArgument = process.argv.find((argument) => argument.startsWith('--runtimes='));
const RUNTIMES = runtimesArgument
  ? BENCH_RUNTIMES.filter((runtime) => runtimesArgument.slice('--runtimes='.length).split(',').includes(runtime))
  : BENCH_RUNTIMES;
const PROXY_FILES: Record<BenchRuntime, string> = {
  node: 'proxy-process.ts',
  deno: 'proxy-process-deno.ts',
  bun: 'proxy-process-bun.ts',
};
const REFUSED = 100_000;
const STATUS = {
  rounds: quick ? 3 : 5,
  connections: 50,
  seconds: 1,
  warmUpSeconds: 1,
  unloadedRequests: quick ? 200 : 400,
};
const TASKS = 1000;
// The largest count three times: one run at ten thousand is at the mercy of whatever else the
// machine runs in that second; the targets are judged on the medians. Each count runs on every
// runtime in turn, so that the runtimes meet the same machine.
const FAN_OUT = quick ? [1, 100, 1000] : [1, 100, 1000, 10_000, 10_000, 10_000];
// Shaped like a real key; it only ever goes to the simulator on 127.0.0.1.
const UPSTREAM_KEY = 'vk_bench_proxy_upstream_7c1e9a40';

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const children: BenchChild<unknown>[] = [];
const stopAll = () => Promise.allSettled(children.map((child) => child.stop()));
// Bounded whatever happens: a hung phase must not leave processes behind.
const watchdog = setTimeout(() => {
  console.error('bench:proxy: still running after 12 minutes, giving up');
  void stopAll().finally(() => process.exit(1));
}, 720_000);

const statusPath = (taskId: string) => `/api/generate/status/${encodeURIComponent(taskId)}`;

async function main() {
  const upstream = await startChild<UpstreamInfo>('upstream-process.ts', { BENCH_UPSTREAM_KEY: UPSTREAM_KEY });
  children.push(upstream);
  const startProxy = async (settings: Record<string, string> = {}, runtime: BenchRuntime = 'node') => {
    const env = {
      BENCH_UPSTREAM_KEY: UPSTREAM_KEY,
      BENCH_UPSTREAM_URL: upstream.info.url,
      BENCH_PROXY_SETTINGS: JSON.stringify(settings),
    };
    const proxy = await startChild<ProxyInfo>(PROXY_FILES[runtime], env, {
      runtime,
      execArgv: runtime === 'node' ? ['--expose-gc'] : [],
    });
    children.push(proxy);
    return proxy;
  };

  // What requests without a valid credential cost: nothing upstream, nothing kept.
  const refused = await measureRefused(REFUSED, upstream, startProxy);
  if (refusedOnly) {
    await stopAll();
    return { refused, status: undefined, fanOut: undefined, bare: undefined, runtimes: [] };
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

  // Each run of the proxy is followed by one of a bare server of its runtime at the same count
  // (node:http; Deno.serve, Bun.serve), so that both meet the same machine: the floor the proxy
  // on that runtime is measured against.
  const bareServers = new Map<BenchRuntime, BenchChild<BareHttpInfo>>();
  for (const runtime of RUNTIMES) {
    const file = runtime === 'node' ? 'bare-http-process.ts' : 'bare-web-process.ts';
    const bareServer = await startChild<BareHttpInfo>(file, {}, { runtime });
    children.push(bareServer);
    bareServers.set(runtime, bareServer);
  }
  const fanOut: (FanOutFigures & { runtime: BenchRuntime })[] = [];
  const bare: (BareHttpFigures & { runtime: BenchRuntime })[] = [];
  for (const count of FAN_OUT) {
    for (const runtime of RUNTIMES) {
      fanOut.push({ runtime, ...(await measureFanOut(count, upstream, () => startProxy({}, runtime))) });
      bare.push({ runtime, ...(await measureBareHttp(count, bareServers.get(runtime)!)) });
    }
  }
  await stopAll();
  return { refused, status, fanOut, bare, runtimes: [...bareServers.values()].map((child) => child.info.runtime) };
}

function printRefused(refused: RefusedFigures): { clean: boolean } {
  console.log(refusedLine(refused));
  for (const problem of refused.problems) console.log(`  ✗ ${problem}`);
  return { clean: refused.problems.length === 0 };
}

try {
  const { refused, status, fanOut, bare, runtimes } = await main();
  const { clean } =
    status && fanOut && bare
      ? printReport({ refused, status, fanOut, bare, runtimes, options: STATUS, loadAtStart, started })
      : printRefused(refused);
  // A broken run (lost watchers, failed requests) fails; a missed performance target is only reported.
  if (!clean) process.exitCode = 1;
} catch (error) {
  console.error(`bench:proxy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  await stopAll();
} finally {
  clearTimeout(watchdog);
}
