import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { REFUSAL_REASONS, type RefusalReason } from './refusal-reasons.ts';

/** Where the proxy's shared state lives (see the shared mode): one process, Redis, or Redis lost. */
export const REDIS_MODES = ['local', 'shared', 'degraded'] as const;
export type RedisMode = (typeof REDIS_MODES)[number];

/** What a status read found before asking Vidgo: which cache answered it, or nothing (a miss). */
export type CacheLookup = 'terminal' | 'not_found' | 'in_flight' | 'miss';

/**
 * What operators watch, under the same names on Node and Deno. Counters are told of each event;
 * gauges read their value when scraped, from the callbacks given to the `observe…` methods (the
 * last one given wins), so nothing has to remember to keep them current.
 */
export interface ProxyMetrics {
  /** One call to Vidgo, by upstream route, and its answer's status (`error`: no answer came). */
  upstreamCall(route: UpstreamRoute, status: number | 'error'): void;
  cacheLookup(result: CacheLookup): void;
  refused(reason: RefusalReason): void;
  /** This replica took over a task's lease from a replica that stopped renewing it. */
  takeover(): void;
  observeStreams(read: () => number): void;
  observeWatchedTasks(read: () => number): void;
  observeLeasesHeld(read: () => number): void;
  /** A running count of takeovers kept elsewhere (the shared mode's), instead of `takeover()`. */
  observeTakeovers(read: () => number): void;
  observeRedisMode(read: () => RedisMode): void;
  /** The Prometheus text exposition, and its content type. */
  render(): Promise<string>;
  readonly contentType: string;
}

export const METRIC_PREFIX = 'vidgo_proxy_';

/** Upstream routes as templates: a task id is never a label value. */
export const UPSTREAM_ROUTES = ['/api/generate/status/:task_id', '/api/generate/submit', 'other'] as const;
export type UpstreamRoute = (typeof UPSTREAM_ROUTES)[number];

/** The route template of an upstream URL. */
export function upstreamRoute(url: string): UpstreamRoute {
  const path = new URL(url).pathname;
  if (/\/api\/generate\/status\/[^/]+$/.test(path)) return '/api/generate/status/:task_id';
  if (path.endsWith('/api/generate/submit')) return '/api/generate/submit';
  return 'other';
}

/** An answer's status as a label: one of at most 500 codes, or `error`; anything else is `invalid`. */
const statusLabel = (status: number | 'error') =>
  status === 'error'
    ? 'error'
    : Number.isInteger(status) && status >= 100 && status <= 599
      ? String(status)
      : 'invalid';

/**
 * The proxy's metrics on prom-client, in a registry of their own (never the global one, so two
 * proxies in one process, as in tests, do not collide). `processMetrics` adds prom-client's
 * `process_*` and `nodejs_*` ones: Node only, since on Deno they read zeros without file access.
 */
export function createProxyMetrics({ processMetrics = false }: { processMetrics?: boolean } = {}): ProxyMetrics {
  const registry = new Registry();
  const registers = [registry];
  // What the gauges read at each scrape: defaults until the runtime (or the shared mode) says.
  const reads = {
    streams: () => 0,
    watchedTasks: () => 0,
    leasesHeld: () => 0,
    mode: (): RedisMode => 'local',
    takeovers: undefined as (() => number) | undefined,
  };
  const upstream = new Counter({
    name: `${METRIC_PREFIX}upstream_requests_total`,
    help: 'Calls to Vidgo, by upstream route and answer status (error: no answer).',
    labelNames: ['route', 'status'],
    registers,
  });
  const hits = new Counter({
    name: `${METRIC_PREFIX}cache_hits_total`,
    help: 'Status reads answered without a new call to Vidgo, by what answered (terminal task, 404, a call in flight).',
    labelNames: ['cache'],
    registers,
  });
  const misses = new Counter({
    name: `${METRIC_PREFIX}cache_misses_total`,
    help: 'Status reads that needed a call to Vidgo.',
    registers,
  });
  const refusals = new Counter({
    name: `${METRIC_PREFIX}refused_requests_total`,
    help: 'Requests refused before they were served, by reason.',
    labelNames: ['reason'],
    registers,
  });
  let takeoversCounted = 0;
  const takeovers = new Counter({
    name: `${METRIC_PREFIX}lease_takeovers_total`,
    help: 'Task leases taken over from a replica that stopped renewing them (shared mode).',
    registers,
    collect() {
      // A running count kept elsewhere: brought up to date at each scrape.
      const total = reads.takeovers?.();
      if (total !== undefined && total > takeoversCounted) {
        this.inc(total - takeoversCounted);
        takeoversCounted = total;
      }
    },
  });
  for (const cache of ['terminal', 'not_found', 'in_flight']) hits.inc({ cache }, 0);
  for (const reason of REFUSAL_REASONS) refusals.inc({ reason }, 0);

  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge('open_streams', 'Open event streams (SSE watchers).', () => reads.streams());
  gauge('watched_tasks', 'Tasks polled upstream at once (one loop each).', () => reads.watchedTasks());
  gauge('leases_held', 'Task leases this replica holds (shared mode; 0 otherwise).', () => reads.leasesHeld());
  new Gauge({
    name: `${METRIC_PREFIX}redis_mode`,
    help: 'Where shared state lives: 1 for the current mode (local, shared, degraded), 0 for the others.',
    labelNames: ['mode'],
    registers,
    collect() {
      const current = reads.mode();
      for (const mode of REDIS_MODES) this.set({ mode }, mode === current ? 1 : 0);
    },
  });
  if (processMetrics) collectDefaultMetrics({ register: registry });

  return {
    upstreamCall: (route, status) => upstream.inc({ route, status: statusLabel(status) }),
    cacheLookup: (result) => (result === 'miss' ? misses.inc() : hits.inc({ cache: result })),
    refused: (reason) => refusals.inc({ reason }),
    takeover: () => takeovers.inc(),
    observeStreams: (read) => void (reads.streams = read),
    observeWatchedTasks: (read) => void (reads.watchedTasks = read),
    observeLeasesHeld: (read) => void (reads.leasesHeld = read),
    observeTakeovers: (read) => void (reads.takeovers = read),
    observeRedisMode: (read) => void (reads.mode = read),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
