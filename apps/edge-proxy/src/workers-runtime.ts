import {
  cachedGetTask,
  createVidgoClient,
  watchTaskEvents,
  type TaskWatcherNamespace,
  type VidgoEnv,
} from '@vidgo-sdk/cloudflare';
import type { VidgoClient } from '@vidgo-sdk/core';
import { accessRules } from './access/access-rules.ts';
import { bindingLimit, type RateLimitBinding } from './access/pre-auth-limit.ts';
import { digest } from './access/principal.ts';
import type { ProxyRuntime } from './create-app.ts';
import type { EmbeddedUpstream } from './embedded-upstream.ts';
import type { Log } from './logger.ts';
import type { Settings } from './settings.ts';
import { cappedFetch } from './upstream/capped-fetch.ts';
import { createStatusSource } from './upstream/status-source.ts';
import { closingWith } from './watch/closing-with.ts';

export interface ProxyEnv extends VidgoEnv {
  TASK_WATCHER: TaskWatcherNamespace<unknown>;
  /** Optional: Cloudflare's Rate Limiting binding for the pre-auth limit, keyed by CF-Connecting-IP. */
  PRE_AUTH_RATE_LIMITER?: RateLimitBinding;
  [setting: string]: unknown;
}

const nothingCached = { get: async () => undefined, put: async () => {} };
/** Set by Cloudflare's edge on every request, and not forgeable through it. */
const connectingAddress = (request: Request) => request.headers.get('cf-connecting-ip') ?? undefined;

/**
 * The proxy's runtime on Workers: finished tasks in the Cache API (`cachedGetTask`), and each
 * task's viewers on its `TaskWatcher` Durable Object, whose alarms poll once for all of them.
 * Client addresses only key the pre-auth limit here: without a credential nobody is served.
 */
export function workersRuntime(
  settings: Settings,
  env: ProxyEnv,
  log: Log,
  embedded?: EmbeddedUpstream & { taskTokenSecret: string },
): ProxyRuntime {
  const options = { maxRetries: 1, maxRetryAfterMs: 0, timeoutMs: 10_000 };
  const client: VidgoClient = embedded
    ? createVidgoClient(
        { VIDGO_API_KEY: embedded.apiKey },
        { ...options, baseUrl: embedded.baseUrl, fetch: cappedFetch(embedded.fetch) },
      )
    : createVidgoClient(env, { ...options, fetch: cappedFetch((input, init) => fetch(input, init)) });
  // Cached tasks are keyed by account too (a digest of the key, never the key), so a Worker whose
  // key changes never serves the previous account's tasks.
  const account = digest(String(env.VIDGO_API_KEY ?? embedded?.apiKey ?? ''));
  const source = createStatusSource(
    {
      getTask: async (taskId) =>
        cachedGetTask(client, taskId, { cacheUrl: `https://vidgo-proxy-cache.invalid/${await account}` }),
    },
    nothingCached,
  );
  return {
    settings,
    source,
    log,
    access: accessRules(settings, {
      clientAddress: connectingAddress,
      canSeeClientAddress: false,
      ...(embedded ? { taskTokenSecret: embedded.taskTokenSecret } : {}),
      ...(env.PRE_AUTH_RATE_LIMITER
        ? { preAuthLimit: bindingLimit(env.PRE_AUTH_RATE_LIMITER, connectingAddress) }
        : {}),
    }),
    events: async (taskId, request, _env, { headers, onClose }) => {
      const response = await watchTaskEvents(env.TASK_WATCHER, taskId, forWatcher(request));
      if (response.status !== 200 || !response.body) {
        onClose();
        return withHeaders(response, headers);
      }
      return withHeaders(new Response(closingWith(response.body, onClose), response), headers);
    },
    hint: async (taskId) => {
      await env.TASK_WATCHER.get(env.TASK_WATCHER.idFromName(taskId)).fetch(
        new Request('https://task-watcher/refresh', { method: 'POST' }),
      );
    },
    background: (context, work) => context.executionCtx.waitUntil(work),
  };
}

/** The viewer's request as the watcher needs it: the credential and cookies stay here. */
function forWatcher(request: Request): Request {
  const headers = new Headers();
  for (const name of [
    'last-event-id',
    'upgrade',
    'connection',
    'sec-websocket-key',
    'sec-websocket-version',
    'sec-websocket-protocol',
    'sec-websocket-extensions',
  ]) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Request(request.url, { method: request.method, headers, signal: request.signal });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Response(response.body, {
    status: response.status,
    headers: merged,
    ...('webSocket' in response ? { webSocket: response.webSocket } : {}),
  } as ResponseInit);
}
