// What every proxy child of bench/proxy.ts shares, whichever runtime serves it: the settings, and
// the answers to the parent's questions (stats, memory, the timing of upstream answers and of the
// streams' ends), given over IPC rather than over an HTTP route that would add to what is measured.
import { buildInProcessProxy, loadSharedMode } from '../src/node-proxy.ts';
import { readSettings } from '../src/settings.ts';
import type { SseResponder } from '../src/watch/sse-encoding.ts';
import type { WatchEnd } from '../src/watch/watcher.ts';
import { answerParent } from './bench-child.ts';

export interface ProxyInfo {
  url: string;
}

export interface ProxyStats {
  watchers: number;
  loops: number;
  upstreamCalls: number;
  /** Open client connections (on Deno and Bun: requests not yet answered in full). */
  connections: number;
  /** Shared mode: the task leases this replica holds (the tasks it polls for every replica). */
  leasesHeld: number;
}

/** One status answer the proxy received from upstream while tracing. */
export interface UpstreamAnswer {
  taskId: string;
  /** When the proxy had the whole answer in hand, epoch ms. */
  at: number;
  status?: string;
}

/**
 * The proxy as the entrypoints build it, with the benchmark's settings, reaching the simulator over
 * HTTP; in shared mode (REDIS_URL in the phase's settings), joined to Redis before it serves.
 */
export async function buildBenchProxy(
  options: { clientAddress?: (request: Request, env: unknown) => string | undefined; sse?: SseResponder } = {},
) {
  const settings = readSettings({
    VIDGO_API_KEY: process.env.BENCH_UPSTREAM_KEY,
    VIDGO_BASE_URL: process.env.BENCH_UPSTREAM_URL,
    PORT: '0',
    // The benchmark is one client: the per-client limit would only measure 429s, and so would the
    // pre-auth limit, since every connection comes from 127.0.0.1.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    PRE_AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
    // Its watchers too are one client, up to 10,000 of them.
    MAX_STREAMS: '1000000',
    MAX_STREAMS_PER_CLIENT: '1000000',
    MAX_CONNECTIONS: '1000000',
    // A phase's own settings (the refused-requests phase sets PROXY_TOKEN), as JSON.
    ...(JSON.parse(process.env.BENCH_PROXY_SETTINGS ?? '{}') as Record<string, string>),
  });
  // Warnings and errors matter (a failing upstream would make the figures lie); the start-up notices do not.
  const log = (level: 'info' | 'warn' | 'error', message: string) => {
    if (level !== 'info') console.error(`[proxy ${level}] ${message}`);
  };
  const shared = await loadSharedMode(settings);
  const proxy = buildInProcessProxy(settings, { log, ...options, ...(shared ? { shared } : {}) });
  await proxy.runtime.shared?.ready(3000);
  return { settings, ...proxy };
}

/** A full collection where the runtime offers one: V8's `gc` (--expose-gc), or Bun's. */
function collector(): () => void {
  const { gc, Bun } = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
  if (gc) return gc;
  if (Bun) return () => Bun.gc(true);
  throw new Error('no way to collect garbage: run Node with --expose-gc, Deno with --v8-flags=--expose-gc');
}

/** Answers the parent about `runtime`, served at `url`; `close` stops the server. */
export function answerAsProxy(
  { runtime }: Pick<ReturnType<typeof buildInProcessProxy>, 'runtime'>,
  server: {
    url: string;
    connections(): number | Promise<number>;
    close(): Promise<void>;
    /** Told when the fan-out measured begins (`on`) and ends. */
    traced?(on: boolean): void;
  },
): void {
  // The core's transport looks up the global fetch at each call, so the fan-out phase can time the
  // upstream answers without touching src/. Off during the load runs: it reads each body twice.
  const untracedFetch = globalThis.fetch;
  const answers: UpstreamAnswer[] = [];
  // The process's CPU time when the last terminal answer arrived: what the fan-out costs, whatever
  // else runs on the machine.
  let cpuAtTerminal: NodeJS.CpuUsage | undefined;
  let terminalAt: number | undefined;
  // When the hub had ended every stream of a task (the last bytes of its watchers handed to their
  // sockets). It ends them in one synchronous loop, in the order they subscribed: the first one
  // of each task queues a look at the clock, which comes once the loop is over. Only that one is
  // wrapped, not every watcher, which would add an object and a call per watcher to the loop.
  let lastEndAt: number | undefined;
  const stamp = () => {
    lastEndAt = Date.now();
  };
  const stamped = new Set<string>();
  const subscribe = runtime.hub.subscribe.bind(runtime.hub);
  runtime.hub.subscribe = (taskId, watcher, options) => {
    if (stamped.has(taskId)) return subscribe(taskId, watcher, options);
    stamped.add(taskId);
    const first = {
      ...watcher,
      end: (how?: WatchEnd) => {
        watcher.end(how);
        stamped.delete(taskId);
        queueMicrotask(stamp);
      },
    };
    const unsubscribe = subscribe(taskId, first, options);
    return () => {
      stamped.delete(taskId);
      unsubscribe();
    };
  };
  const tracedFetch: typeof fetch = async (input, init) => {
    const response = await untracedFetch(input, init);
    const text = await response.text();
    const at = Date.now();
    const url = input instanceof Request ? input.url : String(input);
    let status: string | undefined;
    try {
      status = JSON.parse(text)?.data?.status;
    } catch {
      status = undefined;
    }
    answers.push({ taskId: decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)), at, status });
    if (status === 'finished' || status === 'failed') {
      cpuAtTerminal = process.cpuUsage();
      terminalAt = at;
    }
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const gc = collector();

  answerParent(
    { url: server.url } satisfies ProxyInfo,
    {
      stats: async (): Promise<ProxyStats> => ({
        watchers: runtime.hub.watchers,
        loops: runtime.hub.loops,
        upstreamCalls: runtime.source.upstreamCalls,
        connections: await server.connections(),
        leasesHeld: runtime.shared?.leasesHeld() ?? 0,
      }),
      /** After full collections, so that the heap is what is retained. */
      memory: () => {
        gc();
        gc();
        return process.memoryUsage();
      },
      /** As a callback would: the task is re-read now, and its watchers told if it changed. */
      hint: (taskId: string) => runtime.hub.hint(taskId),
      trace: (on: boolean) => {
        globalThis.fetch = on ? tracedFetch : untracedFetch;
        server.traced?.(on);
      },
      answers: (taskId: string) => answers.filter((answer) => answer.taskId === taskId),
      /** Real time (ms) from the last terminal answer to every stream written and ended, on the proxy's side. */
      writtenSinceTerminal: () => (lastEndAt ?? Number.NaN) - (terminalAt ?? Number.NaN),
      /** CPU time (user + system, ms) spent since the last terminal answer arrived. */
      cpuSinceTerminal: () => {
        if (!cpuAtTerminal) return Number.NaN;
        const { user, system } = process.cpuUsage(cpuAtTerminal);
        return (user + system) / 1000;
      },
    },
    async () => {
      await runtime.shared?.releaseLeases();
      runtime.hub.close();
      await runtime.shared?.close();
      await server.close();
    },
  );
}
