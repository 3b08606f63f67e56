import { createVidgoClient, systemClock, type Clock } from '@vidgo-sdk/core';
import type { ProxyRuntime } from './create-app.ts';
import type { Log } from './logger.ts';
import type { ClientAddress } from './middleware/access.ts';
import type { Settings } from './settings.ts';
import { createStatusSource } from './upstream/status-source.ts';
import { memoryTaskCache } from './upstream/task-cache.ts';
import { createWatchHub, type WatchHub } from './watch/watch-hub.ts';
import type { SseResponder } from './watch/sse-encoding.ts';
import { sseResponse } from './watch/sse-response.ts';

export interface InProcessOptions {
  settings: Settings;
  log: Log;
  clientAddress: ClientAddress;
  /** How the proxy reaches Vidgo: the global fetch, or the embedded simulator's. */
  upstreamFetch?: typeof fetch;
  upstreamBaseUrl?: string;
  /** The key sent upstream (the embedded simulator's own when there is no real one). */
  upstreamApiKey: string;
  clock?: Clock;
  heartbeatMs?: number;
  /** How a stream is written: web streams by default; `nodeSseResponse` under @hono/node-server. */
  sse?: SseResponder;
}

/**
 * The proxy's runtime where one process holds every watcher (Node, Deno): an in-memory cache of
 * finished tasks, coalesced status calls, and one polling loop per watched task.
 */
export function inProcessRuntime(options: InProcessOptions): ProxyRuntime & { hub: WatchHub } {
  const { settings, log, clock = systemClock, sse = sseResponse } = options;
  const upstream = {
    apiKey: options.upstreamApiKey,
    baseUrl: options.upstreamBaseUrl ?? settings.baseUrl,
    clock,
    ...(options.upstreamFetch ? { fetch: options.upstreamFetch } : {}),
  };
  // A status request answers quickly: one retry at most, and a 429 goes back to the browser
  // with its Retry-After rather than keeping the request open.
  const statusClient = createVidgoClient({ ...upstream, maxRetries: 1, maxRetryAfterMs: 0, timeoutMs: 10_000 });
  // The watch loops have time: the engine's own retries and backoff.
  const watchClient = createVidgoClient(upstream);
  const cache = memoryTaskCache({ now: () => clock.now() });
  const source = createStatusSource(statusClient, cache);
  const hub = createWatchHub({ client: watchClient, source, cache, log, clock, ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}) });
  return {
    settings,
    source,
    hub,
    log,
    clientAddress: options.clientAddress,
    canSeeClientAddress: true,
    now: () => clock.now(),
    events: (taskId, request, env, headers) => sse((watcher) => hub.subscribe(taskId, watcher, request.headers.get('last-event-id') ?? undefined), headers, env),
    hint: (taskId) => hub.hint(taskId),
  };
}
