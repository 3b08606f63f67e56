import type { IncomingMessage } from 'node:http';
import { createApp } from './create-app.ts';
import { registerDemo } from './demo/demo-routes.ts';
import { embeddedUpstream } from './embedded-upstream.ts';
import { inProcessRuntime } from './in-process-runtime.ts';
import { createLog, type Log } from './logger.ts';
import type { Settings } from './settings.ts';
import type { SseResponder } from './watch/sse-encoding.ts';

/** @hono/node-server hands the Node request to the app as `env.incoming`. */
export const nodeClientAddress = (_request: Request, env: unknown): string | undefined =>
  (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;

/** The proxy as Node (and Deno, through the same in-process runtime) runs it. */
export function buildInProcessProxy(settings: Settings, options: { log?: Log; clientAddress?: typeof nodeClientAddress; sse?: SseResponder } = {}) {
  // With the embedded simulator, callbacks are on, so that a finish shows the moment it happens.
  const callbackSecret = settings.callbackSecret ?? (settings.apiKey ? undefined : crypto.randomUUID().replaceAll('-', ''));
  settings = { ...settings, callbackSecret };
  const log = options.log ?? createLog([settings.apiKey, settings.proxyToken, callbackSecret]);
  let app: ReturnType<typeof createApp> | undefined;
  const embedded = settings.apiKey
    ? undefined
    : embeddedUpstream({ callbackUrl: (origin) => `${origin}/callbacks/vidgo/${callbackSecret}`, deliverCallback: (request) => app!.fetch(request) });
  if (embedded) log('info', 'VIDGO_API_KEY is not set: serving an embedded simulated Vidgo (no real tasks, no credits spent)');
  const runtime = inProcessRuntime({
    settings,
    log,
    clientAddress: options.clientAddress ?? nodeClientAddress,
    ...(options.sse ? { sse: options.sse } : {}),
    upstreamApiKey: settings.apiKey ?? embedded!.apiKey,
    ...(embedded ? { upstreamFetch: embedded.fetch, upstreamBaseUrl: embedded.baseUrl } : {}),
  });
  runtime.extend = (app, { guards }) => registerDemo(app, { guards, ...(embedded ? { createTask: embedded.createTask } : {}) });
  app = createApp(runtime);
  return { app, runtime, embedded, log };
}
