import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors, corsHeaders } from './access/cors.ts';
import { guard, type AccessRules, type GuardedEnv } from './access/guard.ts';
import { registerCallbacks } from './callbacks-route.ts';
import { streamSlots, type StreamSlots } from './limits/stream-slots.ts';
import type { Log } from './logger.ts';
import { registerMetricsRoute } from './ops/metrics-route.ts';
import type { ProxyMetrics } from './ops/proxy-metrics.ts';
import type { Settings } from './settings.ts';
import type { ProxyMode } from './shared/proxy-mode.ts';
import { errorAnswer } from './upstream/error-answer.ts';
import type { StatusSource } from './upstream/status-source.ts';

export interface EventsOptions {
  /** Go on the stream's response (CORS). */
  headers: Record<string, string>;
  /** Called once when the stream is over, or at once when no stream opens. */
  onClose: () => void;
}

export interface ProxyRuntime {
  settings: Settings;
  source: StatusSource;
  /**
   * The SSE stream of a task: the in-process hub on Node and Deno, a Durable Object on Workers.
   * A task that cannot be watched (404, 403, upstream down) is answered with a plain HTTP status,
   * which EventSource takes as final, rather than with a stream that would be retried forever.
   */
  events(taskId: string, request: Request, env: unknown, options: EventsOptions): Response | Promise<Response>;
  /** A callback arrived for this task: re-read it and tell its watchers. */
  hint(taskId: string, env: unknown): Promise<void>;
  /** Who may pass, and the limits met on the way (see `access/guard.ts`). */
  access: AccessRules;
  log: Log;
  /** The time, for the callbacks' limit; tests pass a virtual clock's. */
  now?: () => number;
  /** Keeps background work alive after the response (Workers' `waitUntil`). */
  background?(context: Context, work: Promise<unknown>): void;
  /** Counts for `GET /metrics` (Node, Deno); none on Workers. */
  metrics?: ProxyMetrics;
  /** Open streams per principal counted elsewhere than in this process (Redis, in shared mode). */
  streamSlots?: StreamSlots;
  /** `/healthz` says it: `local` (one process), `shared` (replicas through Redis) or `degraded` (Redis away). */
  mode?(): ProxyMode;
  /** Extra routes: the demo page, and simulated tasks when upstream is the embedded simulator. */
  extend?(app: Hono, tools: { preAuth: MiddlewareHandler }): void;
}

/** The proxy as one Hono app: the same on Node, Deno and Workers, whose differences come in `runtime`. */
export function createApp(runtime: ProxyRuntime): Hono {
  const { settings, source, log, access } = runtime;
  if (access.loopbackOpen)
    log('info', 'no PROXY_TOKEN or TASK_TOKEN_SECRET set: serving requests from this machine only');
  else if (!access.proxyToken && !access.verifyTaskToken)
    log('warn', 'no PROXY_TOKEN or TASK_TOKEN_SECRET set, and client addresses are unknown here: serving nobody');

  const app = new Hono<GuardedEnv>();
  const slots = runtime.streamSlots ?? streamSlots(settings.limits.maxStreams, settings.limits.maxStreamsPerClient);
  const fail = (c: Context, error: unknown) => {
    const answer = errorAnswer(error, log);
    if (answer.retryAfterSeconds !== undefined) c.header('Retry-After', String(answer.retryAfterSeconds));
    return c.json({ detail: answer.detail }, answer.status);
  };

  // Answers in every mode, degraded included: a replica without Redis still serves.
  app.get('/healthz', (c) => c.json(runtime.mode ? { ok: true, mode: runtime.mode() } : { ok: true }));
  // On its own port when METRICS_PORT is set (entry/*.ts), else here behind the API's credentials.
  if (runtime.metrics && settings.ops.metricsPort === undefined) registerMetricsRoute(app, access, runtime.metrics);
  app.use('/api/*', cors(settings.allowedOrigins));

  app.get('/api/generate/status/:taskId', guard(access), async (c) => {
    try {
      const task = await source.get(c.req.param('taskId'));
      c.header('Cache-Control', 'no-store');
      return c.json({ code: 200, data: task });
    } catch (error) {
      return fail(c, error);
    }
  });

  // EventSource cannot set headers: a per-task token may come as `?token=` here, and only here.
  app.get('/api/generate/status/:taskId/events', guard(access, { queryToken: true }), async (c) => {
    const release = await slots.acquire(c.get('principal').key);
    if (!release) {
      access.refused?.('stream_cap');
      c.header('Retry-After', '10');
      return c.json({ detail: 'Too many open streams' }, 429);
    }
    // Decided from the request, not read off `c.res`, which would make Hono build a response for nothing.
    const origin = c.req.header('origin');
    const headers =
      origin !== undefined && settings.allowedOrigins.includes(origin) ? Object.fromEntries(corsHeaders(origin)) : {};
    try {
      return await runtime.events(c.req.param('taskId'), c.req.raw, c.env, { headers, onClose: release });
    } catch (error) {
      release();
      return fail(c, error);
    }
  });

  const preAuth: MiddlewareHandler = async (c, next) => {
    const wait = await access.preAuthLimit(c.req.raw, c.env);
    if (wait === undefined) return next();
    access.refused?.('pre_auth_rate_limit');
    c.header('Retry-After', String(Math.min(60, wait)));
    return c.json({ detail: 'Too many requests' }, 429);
  };
  registerCallbacks(app, runtime, preAuth);
  runtime.extend?.(app as unknown as Hono, { preAuth });
  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  app.onError((error, c) => fail(c, error));
  return app as unknown as Hono;
}
