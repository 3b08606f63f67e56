import type { Task } from '@vidgo-sdk/core';
import { parseTask } from '@vidgo-sdk/core/internal';
import { isServableTaskId } from '@vidgo-sdk/task-token';
import type { Hono, MiddlewareHandler } from 'hono';
import type { GuardedEnv } from './access/guard.ts';
import { sameSecret } from './access/same-secret.ts';
import type { ProxyRuntime } from './create-app.ts';
import { tokenBuckets } from './limits/token-buckets.ts';
import { errorAnswer } from './upstream/error-answer.ts';
import { readCappedText } from './upstream/capped-fetch.ts';

// A callback body is one task: a few hundred bytes.
const MAX_CALLBACK_BYTES = 64 * 1024;

/**
 * `POST /callbacks/vidgo/:secret`: Vidgo's callback, authenticated by the secret in its path
 * (the current one, or the previous one during a rotation). A hint, not the truth: it is
 * answered 202 at once, then the status is re-read from Vidgo and the watchers told.
 */
export function registerCallbacks(app: Hono<GuardedEnv>, runtime: ProxyRuntime, preAuth: MiddlewareHandler): void {
  const { settings, log } = runtime;
  const secrets = [settings.callbackSecret, settings.callbackSecretPrevious].filter(
    (secret): secret is string => secret !== undefined,
  );
  // Its own budget: callbacks come from Vidgo, not from any viewer's principal.
  const limit = tokenBuckets(settings.limits.callbackRatePerMinute, runtime.now ? { now: runtime.now } : {});

  app.post('/callbacks/vidgo/:secret', preAuth, async (c) => {
    const given = c.req.param('secret');
    // Every secret is compared, so the time taken does not tell which one came close.
    const known = secrets.map((secret) => sameSecret(given, secret)).includes(true);
    if (!known) {
      runtime.access.refused?.('callback_secret');
      return c.json({ detail: 'Not Found' }, 404);
    }
    const wait = limit.take('callbacks');
    if (wait !== undefined) {
      runtime.access.refused?.('callback_rate_limit');
      c.header('Retry-After', String(Math.min(60, wait)));
      return c.json({ detail: 'Too many callbacks' }, 429);
    }
    const text = await readCappedText(c.req.raw, MAX_CALLBACK_BYTES);
    let task: Task | undefined;
    try {
      task = text === undefined ? undefined : parseTask(JSON.parse(text));
    } catch {
      task = undefined;
    }
    if (!task) return c.json({ detail: 'Not a Vidgo callback body' }, 400);
    if (!isServableTaskId(task.task_id)) return c.json({ detail: 'Invalid task id' }, 400);
    const work = runtime
      .hint(task.task_id, c.env)
      .catch((error: unknown) => log('warn', `callback re-check failed: ${errorAnswer(error, () => {}).detail}`));
    runtime.background?.(c, work);
    return c.json({ ok: true }, 202);
  });
}
