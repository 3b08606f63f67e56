import { encodeTaskId, parseTask } from '@vidgo-sdk/core';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Log } from './logger.ts';
import { accessControl, accessPolicy, sameSecret, type ClientAddress } from './middleware/access.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import type { Settings } from './settings.ts';
import { errorAnswer } from './upstream/error-answer.ts';
import type { StatusSource } from './upstream/status-source.ts';

export interface ProxyRuntime {
  settings: Settings;
  source: StatusSource;
  /**
   * The SSE stream of a task: the in-process hub on Node and Deno, a Durable Object on Workers.
   * `headers` go on the stream's response (CORS).
   */
  events(taskId: string, request: Request, env: unknown, headers: Record<string, string>): Response | Promise<Response>;
  /** A callback arrived for this task: re-read it and tell its watchers. */
  hint(taskId: string, env: unknown): Promise<void>;
  /** The client's address, where the runtime knows it (only loopback clients are served by default). */
  clientAddress: ClientAddress;
  canSeeClientAddress: boolean;
  log: Log;
  /** The time, for the rate limit; tests pass a virtual clock's. */
  now?: () => number;
  /** Keeps background work alive after the response (Workers' `waitUntil`). */
  background?(context: Context, work: Promise<unknown>): void;
  /** Extra routes: the demo page, and simulated tasks when upstream is the embedded simulator. */
  extend?(app: Hono, tools: { guards: MiddlewareHandler[] }): void;
}

/** The proxy as one Hono app: the same on Node, Deno and Workers, whose differences come in `runtime`. */
export function createApp(runtime: ProxyRuntime): Hono {
  const { settings, source, log } = runtime;
  const policy = accessPolicy(settings, runtime.canSeeClientAddress);
  if (policy === 'loopback-only') log('info', 'no PROXY_TOKEN or ALLOWED_ORIGINS set: serving clients on 127.0.0.1 only');
  if (policy === 'nobody') log('warn', 'no PROXY_TOKEN or ALLOWED_ORIGINS set, and client addresses are unknown here: serving nobody');

  const app = new Hono();
  const limited = rateLimit(settings.rateLimitPerMinute, runtime.clientAddress, runtime.now);
  const guarded = accessControl(settings, policy, runtime.clientAddress);

  const fail = (c: Context, error: unknown) => {
    const answer = errorAnswer(error, log);
    if (answer.retryAfterSeconds !== undefined) c.header('Retry-After', String(answer.retryAfterSeconds));
    return c.json({ detail: answer.detail }, answer.status);
  };

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.use('/api/*', limited, guarded);

  app.get('/api/generate/status/:taskId', async (c) => {
    const taskId = c.req.param('taskId');
    try {
      encodeTaskId(taskId, 'status');
      const task = await source.get(taskId);
      c.header('Cache-Control', 'no-store');
      return c.json({ code: 200, data: task });
    } catch (error) {
      return fail(c, error);
    }
  });

  app.get('/api/generate/status/:taskId/events', async (c) => {
    const taskId = c.req.param('taskId');
    try {
      encodeTaskId(taskId, 'events');
    } catch (error) {
      return fail(c, error);
    }
    // The access middleware's CORS headers belong on the stream too (decided from the request,
    // not read off `c.res`, which would make Hono build a response for nothing).
    const origin = c.req.header('origin');
    const cors: Record<string, string> = origin !== undefined && settings.allowedOrigins.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
    return runtime.events(taskId, c.req.raw, c.env, cors);
  });

  app.post('/callbacks/vidgo/:secret', limited, async (c) => {
    if (!settings.callbackSecret || !sameSecret(c.req.param('secret'), settings.callbackSecret)) return c.json({ detail: 'Not Found' }, 404);
    let task;
    try {
      task = parseTask(await c.req.json());
    } catch {
      task = undefined;
    }
    if (!task) return c.json({ detail: 'Not a Vidgo callback body' }, 400);
    try {
      encodeTaskId(task.task_id, 'callback');
    } catch (error) {
      return fail(c, error);
    }
    // A hint, not the truth: re-read the status from Vidgo, then tell the watchers. Repeats coalesce.
    const work = runtime.hint(task.task_id, c.env).catch((error: unknown) => log('warn', `callback re-check failed: ${errorAnswer(error, () => {}).detail}`));
    if (runtime.background) runtime.background(c, work);
    else await work;
    return c.json({ ok: true }, 202);
  });

  runtime.extend?.(app, { guards: [limited, guarded] });
  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  app.onError((error, c) => fail(c, error));
  return app;
}
