import { createTaskToken } from '@vidgo-sdk/task-token';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AccessRules } from '../access/guard.ts';
import { notLocal } from '../access/local-request.ts';
import { DEMO_KINDS, type DemoKind } from '../embedded-upstream.ts';
import { tokenBuckets } from '../limits/token-buckets.ts';
import { DEMO_MEDIA_PATH, demoMediaResponse } from './demo-media.ts';
import { demoPage } from './demo-page.ts';
// Made by `node scripts/bundle-demo.mjs` from `src/demo/browser/`: a module, not a file read at
// run time, since Workers have no file system.
import { demoScript, demoScriptHash } from './generated/demo-script.ts';

export interface DemoOptions {
  /** Present when upstream is the embedded simulator: the page can then create tasks. */
  createTask?: (kind: DemoKind, origin: string) => string;
  /** Signs the per-task token handed to the page with each task it creates. */
  taskTokenSecret?: string;
  /** The proxy's limit by address, which creating a task meets like any request. */
  preAuth: MiddlewareHandler;
  /** The proxy serves this machine only: so does the demo's task creation. */
  localOnly: boolean;
  access: Pick<AccessRules, 'clientAddress'>;
}

// Simulated tasks cost nothing upstream, but each one is kept in memory: a budget for all callers.
const DEMO_TASKS_PER_MINUTE = 60;

// The page loads only its own script and styles, talks only to this origin, and shows media from
// here (the simulator's) or from https (Vidgo's file storage).
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' https: data:",
  "media-src 'self' https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The demo at `/` and its script at `/demo.js`; with the embedded simulator also
 * `POST /demo/tasks` (`{kind}` → `{task_id, token}`) and the simulated tasks' files under
 * `/demo/media/`. That route plays an app's backend: it submits, mints a per-task token, and
 * hands both to the page, which reads the task through the proxy with the token only.
 */
export function registerDemo(
  app: Hono,
  { createTask, taskTokenSecret, preAuth, localOnly, access }: DemoOptions,
): void {
  const scriptUrl = `/demo.js?v=${demoScriptHash}`;
  const page = demoPage({ simulated: createTask !== undefined, scriptUrl });

  app.get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_POLICY);
    c.header('Cache-Control', 'no-cache');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(page);
  });

  app.get('/demo.js', (c) => {
    // The page names the script by its hash, so that URL can be cached for good.
    const current = c.req.query('v') === demoScriptHash;
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('ETag', `"${demoScriptHash}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('if-none-match') === `"${demoScriptHash}"`) return c.body(null, 304);
    return c.body(demoScript);
  });

  if (!createTask || !taskTokenSecret) return;

  const budget = tokenBuckets(DEMO_TASKS_PER_MINUTE);
  app.post('/demo/tasks', preAuth, async (c) => {
    const why = localOnly ? notLocal(c.req.raw, access.clientAddress(c.req.raw, c.env)) : undefined;
    if (why) return c.json({ detail: `This proxy serves this machine only: the request is ${why}` }, 403);
    const wait = budget.take('demo');
    if (wait !== undefined) {
      c.header('Retry-After', String(Math.min(60, wait)));
      return c.json({ detail: 'Too many simulated tasks; wait a moment' }, 429);
    }
    const kind: unknown = (await c.req.json().catch(() => undefined))?.kind;
    if (!DEMO_KINDS.includes(kind as DemoKind)) {
      return c.json({ detail: `kind must be one of ${DEMO_KINDS.map((name) => `"${name}"`).join(', ')}` }, 400);
    }
    const taskId = createTask(kind as DemoKind, new URL(c.req.url).origin);
    const token = await createTaskToken(taskId, { secret: taskTokenSecret, expiresInSeconds: 3600 });
    c.header('Cache-Control', 'no-store');
    return c.json({ task_id: taskId, token }, 201);
  });

  app.get(
    `${DEMO_MEDIA_PATH}/:name`,
    (c) => demoMediaResponse(c.req.param('name'), c.req.header('range')) ?? c.json({ detail: 'Not Found' }, 404),
  );
}
