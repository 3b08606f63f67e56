import type { Hono, MiddlewareHandler } from 'hono';
import type { DemoKind } from '../embedded-upstream.ts';

export interface DemoOptions {
  /** Present when upstream is the embedded simulator: the page can then create tasks. */
  createTask?: (kind: DemoKind) => string;
  /** The proxy's rate limit and access rules, which creating a task obeys like any API call. */
  guards: MiddlewareHandler[];
}

/** The demo page at `/` (placeholder until the real page lands). */
export function registerDemo(app: Hono, { createTask, guards }: DemoOptions): void {
  app.get('/', (c) => c.html(`<!doctype html><title>Vidgo edge proxy</title><h1>Vidgo edge proxy</h1><p>${createTask ? 'Serving an embedded simulated Vidgo.' : 'Proxying Vidgo.'}</p>`));
  if (createTask) {
    app.use('/demo/tasks', ...guards);
    app.post('/demo/tasks', async (c) => {
      const kind = (await c.req.json().catch(() => ({})))?.kind === 'video' ? 'video' : 'image';
      return c.json({ task_id: createTask(kind) }, 201);
    });
  }
}
