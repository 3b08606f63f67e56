import type { Hono, MiddlewareHandler } from 'hono';
import { DEMO_KINDS, type DemoKind } from '../embedded-upstream.ts';
import { DEMO_MEDIA_PATH, demoMediaResponse } from './demo-media.ts';
import { demoPage } from './demo-page.ts';
// Made by `node scripts/bundle-demo.mjs` from `src/demo/browser/`: a module, not a file read at
// run time, since Workers have no file system.
import { demoScript, demoScriptHash } from './generated/demo-script.ts';

export interface DemoOptions {
  /** Present when upstream is the embedded simulator: the page can then create tasks. */
  createTask?: (kind: DemoKind, origin: string) => string;
  /** The proxy's rate limit and access rules, which creating a task obeys like any API call. */
  guards: MiddlewareHandler[];
}

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
 * `POST /demo/tasks` (`{kind}` → `{task_id}`) and the simulated tasks' files under `/demo/media/`.
 */
export function registerDemo(app: Hono, { createTask, guards }: DemoOptions): void {
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

  if (!createTask) return;

  app.use('/demo/tasks', ...guards);
  app.post('/demo/tasks', async (c) => {
    const kind: unknown = (await c.req.json().catch(() => undefined))?.kind;
    if (!DEMO_KINDS.includes(kind as DemoKind)) {
      return c.json({ detail: `kind must be one of ${DEMO_KINDS.map((name) => `"${name}"`).join(', ')}` }, 400);
    }
    return c.json({ task_id: createTask(kind as DemoKind, new URL(c.req.url).origin) }, 201);
  });

  app.get(`${DEMO_MEDIA_PATH}/:name`, (c) => demoMediaResponse(c.req.param('name'), c.req.header('range')) ?? c.json({ detail: 'Not Found' }, 404));
}
