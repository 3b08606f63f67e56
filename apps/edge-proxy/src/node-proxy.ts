import type { IncomingMessage } from 'node:http';
import { createApp } from './create-app.ts';
import { registerDemo } from './demo/demo-routes.ts';
import { embeddedUpstream } from './embedded-upstream.ts';
import { inProcessRuntime } from './in-process-runtime.ts';
import { createLog, type Log } from './logger.ts';
import { createProxyMetrics } from './ops/proxy-metrics.ts';
import { shutdownHooks } from './ops/shutdown-hooks.ts';
import type { Settings } from './settings.ts';
import type { SharedMode } from './shared/shared-mode.ts';
import type { SseResponder } from './watch/sse-encoding.ts';

/** @hono/node-server hands the Node request to the app as `env.incoming`. */
export const nodeClientAddress = (_request: Request, env: unknown): string | undefined =>
  (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;

const randomSecret = () => crypto.randomUUID().replaceAll('-', '') + crypto.randomUUID().replaceAll('-', '');

/** The proxy as Node (and Deno, through the same in-process runtime) runs it. */
export function buildInProcessProxy(
  settings: Settings,
  options: {
    log?: Log;
    clientAddress?: typeof nodeClientAddress;
    sse?: SseResponder;
    /** prom-client's process and Node.js metrics beside the proxy's own (Node only). */
    processMetrics?: boolean;
    /** Shared mode, from `loadSharedMode` when REDIS_URL is set. */
    shared?: (log: Log) => SharedMode;
  } = {},
) {
  // With the embedded simulator, callbacks are on, so that a finish shows the moment it happens,
  // and the demo mints per-task tokens with a secret of its own when the operator set none.
  const embeddedMode = !settings.apiKey;
  const callbackSecret = settings.callbackSecret ?? (embeddedMode ? randomSecret().slice(0, 32) : undefined);
  settings = { ...settings, callbackSecret };
  const taskTokenSecret = settings.taskTokenSecret ?? (embeddedMode ? randomSecret() : undefined);
  const log =
    options.log ??
    createLog(
      [settings.apiKey, settings.proxyToken, callbackSecret, settings.callbackSecretPrevious, taskTokenSecret],
      undefined,
      { format: settings.ops.logFormat },
    );
  const metrics = createProxyMetrics({ processMetrics: options.processMetrics ?? false });
  // What must finish before the process exits: the shared mode hands its leases back here.
  const hooks = shutdownHooks();
  let app: ReturnType<typeof createApp> | undefined;
  const embedded = embeddedMode
    ? embeddedUpstream({
        callbackUrl: (origin) => `${origin}/callbacks/vidgo/${callbackSecret}`,
        deliverCallback: (request) => app!.fetch(request),
      })
    : undefined;
  if (embedded)
    log('info', 'VIDGO_API_KEY is not set: serving an embedded simulated Vidgo (no real tasks, no credits spent)');
  const shared = options.shared?.(log);
  if (shared) {
    // Leases go back at once on SIGTERM, so another replica takes the tasks over without waiting for expiry.
    hooks.onShutdown(() => shared.releaseLeases());
    metrics.observeLeasesHeld(() => shared.leasesHeld());
    metrics.observeTakeovers(() => shared.takeovers());
  }
  const runtime = inProcessRuntime({
    settings,
    ...(shared ? { shared } : {}),
    log,
    clientAddress: options.clientAddress ?? nodeClientAddress,
    ...(options.sse ? { sse: options.sse } : {}),
    ...(taskTokenSecret ? { taskTokenSecret } : {}),
    upstreamApiKey: settings.apiKey ?? embedded!.apiKey,
    metrics,
    ...(embedded ? { upstreamFetch: embedded.fetch, upstreamBaseUrl: embedded.baseUrl } : {}),
  });
  runtime.extend = (app, { preAuth }) =>
    registerDemo(app, {
      preAuth,
      ...(embedded && taskTokenSecret ? { createTask: embedded.createTask, taskTokenSecret } : {}),
      localOnly: runtime.access.loopbackOpen,
      access: runtime.access,
    });
  metrics.observeRedisMode(() => runtime.mode?.() ?? 'local');
  app = createApp(runtime);
  return { app, runtime, embedded, log, metrics, hooks };
}

/**
 * Shared mode's maker when REDIS_URL is set, else undefined. Loaded on demand: without Redis, its
 * client is never loaded (on Deno it would ask for more of the environment than the settings).
 */
export async function loadSharedMode(settings: Settings): Promise<((log: Log) => SharedMode) | undefined> {
  const { redis } = settings;
  if (!redis) return undefined;
  const { createSharedMode } = await import('./shared/shared-mode.ts');
  return (log) => createSharedMode(redis, log);
}
