import { createVidgoClient } from '@vidgo-sdk/core';
import { systemClock, type Clock } from '@vidgo-sdk/core/internal';
import { accessRules } from './access/access-rules.ts';
import type { ClientAddress } from './access/pre-auth-limit.ts';
import type { ProxyRuntime } from './create-app.ts';
import type { Log } from './logger.ts';
import { countedFetch } from './ops/counted-fetch.ts';
import type { ProxyMetrics } from './ops/proxy-metrics.ts';
import { streamSlots } from './limits/stream-slots.ts';
import type { Settings } from './settings.ts';
import type { SharedMode } from './shared/shared-mode.ts';
import { cappedFetch } from './upstream/capped-fetch.ts';
import { errorResponse } from './upstream/error-answer.ts';
import { createStatusSource } from './upstream/status-source.ts';
import { memoryTaskCache } from './upstream/task-cache.ts';
import type { SseResponder } from './watch/sse-encoding.ts';
import { sseResponse } from './watch/sse-response.ts';
import { createWatchHub, type WatchHub } from './watch/watch-hub.ts';
import type { Watcher } from './watch/watcher.ts';

export interface InProcessOptions {
  settings: Settings;
  log: Log;
  clientAddress: ClientAddress;
  /** How the proxy reaches Vidgo: the global fetch, or the embedded simulator's. */
  upstreamFetch?: typeof fetch;
  upstreamBaseUrl?: string;
  /** The key sent upstream (the embedded simulator's own when there is no real one). */
  upstreamApiKey: string;
  /** The demo's own secret for per-task tokens, when the operator set none. */
  taskTokenSecret?: string;
  clock?: Clock;
  heartbeatMs?: number;
  /** How a stream is written: web streams by default; `nodeSseResponse` under @hono/node-server. */
  sse?: SseResponder;
  /** Where calls upstream, cache lookups, refusals, streams and watched tasks are counted. */
  metrics?: ProxyMetrics;
  /** Replicas sharing Redis (`REDIS_URL`): poll loops, caches and limits shared; without it, all in this process. */
  shared?: SharedMode;
}

/**
 * The proxy's runtime where one process holds every watcher (Node, Deno): an in-memory cache of
 * finished tasks, coalesced status calls, and one polling loop per watched task.
 */
export function inProcessRuntime(options: InProcessOptions): ProxyRuntime & { hub: WatchHub; shared?: SharedMode } {
  const { settings, log, clock = systemClock, sse = sseResponse, metrics, shared } = options;
  // Looked up at each call, as the core itself does, so a fetch installed later (msw, a tracer) is used.
  const fetchUpstream: typeof fetch = (input, init) => (options.upstreamFetch ?? globalThis.fetch)(input, init);
  const upstream = {
    apiKey: options.upstreamApiKey,
    baseUrl: options.upstreamBaseUrl ?? settings.baseUrl,
    clock,
    fetch: cappedFetch(metrics ? countedFetch(fetchUpstream, metrics) : fetchUpstream),
  };
  // A status request answers quickly: one retry at most, and a 429 goes back to the browser
  // with its Retry-After rather than keeping the request open.
  const statusClient = createVidgoClient({ ...upstream, maxRetries: 1, maxRetryAfterMs: 0, timeoutMs: 10_000 });
  // The watch loops have time: the engine's own retries and backoff.
  const watchClient = createVidgoClient(upstream);
  const now = () => clock.now();
  const localCache = memoryTaskCache({ now });
  const cache = shared ? shared.taskCache(localCache, now) : localCache;
  const source = createStatusSource(statusClient, cache, {
    clock,
    ...(metrics ? { onLookup: metrics.cacheLookup } : {}),
    ...(shared ? { shared: { memory: shared.statusMemory, freshMs: shared.freshMs } } : {}),
  });
  const hubOptions = {
    client: watchClient,
    source,
    cache,
    log,
    clock,
    maxLoops: settings.limits.maxWatchedTasks,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
  };
  // The holder's last state serves every replica's status reads while it lives.
  const hub = shared
    ? shared.watchHub({ ...hubOptions, onPolled: (task) => shared.statusMemory.rememberFresh(task, shared.leaseMs) })
    : createWatchHub(hubOptions);
  metrics?.observeStreams(() => hub.watchers);
  metrics?.observeWatchedTasks(() => hub.loops);
  const { limits } = settings;
  const access = accessRules(settings, {
    clientAddress: options.clientAddress,
    canSeeClientAddress: true,
    taskTokenSecret: options.taskTokenSecret,
    now,
    ...(metrics ? { onRefused: metrics.refused } : {}),
    ...(shared ? { principalLimit: shared.principalLimit(limits.ratePerMinute) } : {}),
  });
  const noRoom = (headers: Record<string, string>, onClose: () => void) => {
    access.refused?.('watched_tasks_cap');
    return tooManyTasks(headers, onClose);
  };
  return {
    settings,
    source,
    hub,
    log,
    access,
    now,
    ...(metrics ? { metrics } : {}),
    mode: () => shared?.mode() ?? 'local',
    ...(shared
      ? {
          shared,
          streamSlots: shared.streamSlots(
            streamSlots(limits.maxStreams, limits.maxStreamsPerClient),
            limits.maxStreamsPerClient,
          ),
        }
      : {}),
    async events(taskId, request, env, { headers, onClose }) {
      if (!hub.hasRoomFor(taskId)) return noRoom(headers, onClose);
      let current = hub.latest(taskId);
      try {
        // Read before the stream opens (unless a loop already knows the task): what cannot be
        // watched gets a plain status, which EventSource takes as final.
        current ??= await source.get(taskId);
      } catch (error) {
        onClose();
        return errorResponse(error, log, headers);
      }
      // Checked again after the read, and the stream subscribed in the same turn: openings that
      // raced through the first check cannot all take the last room.
      if (!hub.hasRoomFor(taskId)) return noRoom(headers, onClose);
      const lastEventId = request.headers.get('last-event-id') ?? undefined;
      let subscribed = false;
      const response = sse(
        (watcher) => {
          subscribed = true;
          const counted: Watcher = {
            send: watcher.send,
            ping: watcher.ping,
            end: (how) => {
              watcher.end(how);
              onClose();
            },
          };
          const unsubscribe = hub.subscribe(taskId, counted, { ...(lastEventId ? { lastEventId } : {}), current });
          return () => {
            unsubscribe();
            onClose();
          };
        },
        headers,
        env,
      );
      // The viewer left during the read: no stream opened, and its slot goes back.
      if (!subscribed) onClose();
      return response;
    },
    hint: (taskId) => hub.hint(taskId),
  };
}

function tooManyTasks(headers: Record<string, string>, onClose: () => void): Response {
  onClose();
  return Response.json(
    { detail: 'Too many tasks watched at once' },
    { status: 429, headers: { ...headers, 'Retry-After': '10' } },
  );
}
