import { cachedGetTask, createVidgoClient, watchTaskEvents, type TaskWatcherNamespace, type VidgoEnv } from '@vidgo-sdk/cloudflare';
import type { VidgoClient } from '@vidgo-sdk/core';
import type { ProxyRuntime } from './create-app.ts';
import type { EmbeddedUpstream } from './embedded-upstream.ts';
import type { Log } from './logger.ts';
import type { Settings } from './settings.ts';
import { createStatusSource } from './upstream/status-source.ts';

export interface ProxyEnv extends VidgoEnv {
  TASK_WATCHER: TaskWatcherNamespace<unknown>;
  [setting: string]: unknown;
}

const nothingCached = { get: async () => undefined, put: async () => {} };

/**
 * The proxy's runtime on Workers: finished tasks in the Cache API (`cachedGetTask`), and each
 * task's viewers on its `TaskWatcher` Durable Object, whose alarms poll once for all of them.
 * Client addresses are not trusted here, so without PROXY_TOKEN or ALLOWED_ORIGINS nobody is served.
 */
export function workersRuntime(settings: Settings, env: ProxyEnv, log: Log, embedded?: EmbeddedUpstream): ProxyRuntime {
  const client: VidgoClient = embedded
    ? createVidgoClient({ VIDGO_API_KEY: embedded.apiKey }, { baseUrl: embedded.baseUrl, fetch: embedded.fetch, maxRetries: 1, maxRetryAfterMs: 0, timeoutMs: 10_000 })
    : createVidgoClient(env, { maxRetries: 1, maxRetryAfterMs: 0, timeoutMs: 10_000 });
  // Coalescing within this isolate; the Cache API holds what is terminal.
  const source = createStatusSource({ getTask: (taskId) => cachedGetTask(client, taskId) }, nothingCached);
  const watcher = (taskId: string) => env.TASK_WATCHER.get(env.TASK_WATCHER.idFromName(taskId));
  return {
    settings,
    source,
    log,
    clientAddress: () => undefined,
    canSeeClientAddress: false,
    events: async (taskId, request, _env, headers) => {
      const response = await watchTaskEvents(env.TASK_WATCHER, taskId, request);
      if (Object.keys(headers).length === 0) return response;
      const withCors = new Headers(response.headers);
      for (const [name, value] of Object.entries(headers)) withCors.set(name, value);
      return new Response(response.body, { status: response.status, headers: withCors, ...('webSocket' in response ? { webSocket: response.webSocket } : {}) } as ResponseInit);
    },
    hint: async (taskId) => {
      await watcher(taskId).fetch(new Request('https://task-watcher/refresh', { method: 'POST' }));
    },
    background: (context, work) => context.executionCtx.waitUntil(work),
  };
}
