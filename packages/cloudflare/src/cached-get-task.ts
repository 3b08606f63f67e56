import { ConfigurationError, isTerminal, type RequestOptions, type Task, type VidgoLiteClient } from '@vidgo-sdk/core';
import { encodeTaskId, parseTask } from '@vidgo-sdk/core/internal';
import { cacheLifetimeSeconds } from './cache-lifetime.ts';
import type { WaitUntilContext, WorkersCache } from './workers-types.ts';

/** The options of `cachedGetTask`: those of one `getTask` call, plus where and how long finished tasks are cached. */
export interface CachedGetTaskOptions extends RequestOptions {
  /** Default `caches.default`. */
  cache?: WorkersCache;
  /** The handler's `ctx`: the cache write then happens after the response (`ctx.waitUntil`). */
  ctx?: WaitUntilContext;
  /**
   * Where the entries live instead of under the upstream's own status URL, e.g. a path on your
   * zone (`https://example.com/vidgo-cache`) to purge by URL, or one per account when a Worker
   * holds several keys. The upstream's base URL is still part of every key.
   */
  cacheUrl?: string;
  /** The longest a task stays cached, in seconds. Default 3600. */
  maxAgeSeconds?: number;
}

/**
 * `client.getTask`, with finished and failed tasks served from the Cache API: they never change.
 * Their file URLs expire 24 hours after the task was created, so an entry lives at most an hour
 * and always ends at least an hour before that (see `cacheLifetimeSeconds`). Queued and running
 * tasks are never cached. The key is the task's status URL (base URL included, API key never).
 */
export async function cachedGetTask(
  client: Pick<VidgoLiteClient, 'baseUrl' | 'getTask'>,
  taskId: string,
  options: CachedGetTaskOptions = {},
): Promise<Task> {
  const { cache = defaultCache(), ctx, cacheUrl, maxAgeSeconds = 3600, ...requestOptions } = options;
  const key = cacheKey(client.baseUrl, taskId, cacheUrl);
  const cached = await readEntry(cache, key);
  if (cached) return cached;
  const task = await client.getTask(taskId, requestOptions);
  const lifetime = isTerminal(task) ? cacheLifetimeSeconds(task, Date.now(), maxAgeSeconds) : 0;
  if (lifetime > 0) {
    const response = new Response(JSON.stringify(task), {
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': `max-age=${lifetime}` },
    });
    // A cache that fails costs a later request, never this answer.
    const write = cache.put(key, response).catch(() => {});
    if (ctx) ctx.waitUntil(write);
    else await write;
  }
  return task;
}

/** The status URL of the task, or the same under `cacheUrl` with the base URL as one segment. */
export function cacheKey(baseUrl: string, taskId: string, cacheUrl?: string): string {
  const path = `/api/generate/status/${encodeTaskId(taskId, 'cachedGetTask')}`;
  if (cacheUrl === undefined) return `${baseUrl}${path}`;
  if (!/^https?:\/\/\w[^?#]*$/i.test(cacheUrl))
    throw new ConfigurationError('cachedGetTask: invalid cacheUrl (an http(s) URL, no query)', {
      operation: 'cachedGetTask',
    });
  return `${cacheUrl.replace(/\/+$/, '')}/${encodeURIComponent(baseUrl)}${path}`;
}

async function readEntry(cache: WorkersCache, key: string): Promise<Task | undefined> {
  try {
    const response = await cache.match(key);
    const task = response && parseTask(await response.json());
    // Only what this function stores is served: a terminal task.
    return task && isTerminal(task) ? task : undefined;
  } catch {
    // An unreadable entry or a failing cache: ask upstream.
    return undefined;
  }
}

function defaultCache(): WorkersCache {
  const cache = (globalThis as { caches?: { default?: WorkersCache } }).caches?.default;
  if (!cache)
    throw new ConfigurationError('cachedGetTask: no caches.default here (not on Workers): pass { cache }', {
      operation: 'cachedGetTask',
    });
  return cache;
}
