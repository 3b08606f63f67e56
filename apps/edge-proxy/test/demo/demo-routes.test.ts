import { taskTokenVerifier } from '@vidgo-sdk/task-token';
import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { embeddedUpstream } from '../../src/embedded-upstream.ts';
import { demoFiles } from '../../src/demo/demo-media.ts';
import { registerDemo } from '../../src/demo/demo-routes.ts';
import { demoScriptHash } from '../../src/demo/generated/demo-script.ts';

const SECRET = 'demo-task-token-secret-0123456789abcdef';
const pass: MiddlewareHandler = (_c, next) => next();

function demoApp(
  options: { embedded?: boolean; preAuth?: MiddlewareHandler; localOnly?: boolean; address?: string } = {},
) {
  const embedded = options.embedded === false ? undefined : embeddedUpstream();
  const app = new Hono();
  registerDemo(app, {
    preAuth: options.preAuth ?? pass,
    localOnly: options.localOnly ?? false,
    access: { clientAddress: () => options.address ?? '127.0.0.1' },
    ...(embedded ? { createTask: embedded.createTask, taskTokenSecret: SECRET } : {}),
  });
  return { app, embedded };
}

const create = (app: Hono, body: string) =>
  app.request('http://proxy.test/demo/tasks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('the demo routes', () => {
  it('serve the page, saying when upstream is the simulator, under a strict content security policy', async () => {
    const simulated = await demoApp().app.request('/');
    expect(simulated.headers.get('content-type')).toMatch(/^text\/html/);
    expect(simulated.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await simulated.text();
    expect(html).toContain('id="simulator-banner"');
    expect(html).toContain('data-create="failure"');
    expect(html).toContain(`src="/demo.js?v=${demoScriptHash}"`);

    const real = await (await demoApp({ embedded: false }).app.request('/')).text();
    expect(real).not.toMatch(/simulat/i);
    expect(real).toContain('id="task-id"');
  });

  it('serve the bundled script, cacheable for good under its hash', async () => {
    const { app } = demoApp();
    const script = await app.request(`/demo.js?v=${demoScriptHash}`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await script.text()).length).toBeGreaterThan(1000);
    expect((await app.request('/demo.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/demo.js', { headers: { 'if-none-match': `"${demoScriptHash}"` } })).status).toBe(304);
  });

  it('create simulated tasks, shaped like Vidgo ones, whose files the proxy serves itself', async () => {
    const { app, embedded } = demoApp();
    for (const kind of ['image', 'video', 'failure']) {
      const created = await create(app, JSON.stringify({ kind }));
      expect(created.status).toBe(201);
      const { task_id: taskId, token } = (await created.json()) as { task_id: string; token: string };
      expect(taskId).toMatch(/^task-unified-\d+-[a-z0-9]{8}$/);
      // The page gets what an app's backend would hand it: the id and a token for that task only.
      expect((await taskTokenVerifier({ secret: SECRET })(token)).taskId).toBe(taskId);
      expect(embedded!.simulator.getTask(taskId)?.status).toBe('not_started');
    }
    // The simulator lists files only once a task is finished (the browser test sees them); these are they.
    expect(demoFiles('image', 'http://proxy.test', 'task-unified-1-abc')).toEqual([
      { file_url: 'http://proxy.test/demo/media/task-unified-1-abc.svg', file_type: 'image' },
    ]);
    expect(demoFiles('video', 'http://proxy.test', 'task-unified-1-abc')).toEqual([
      { file_url: 'http://proxy.test/demo/media/sample-clip.webm', file_type: 'video' },
    ]);
    for (const [file] of [demoFiles('image', '', 'task-unified-1-abc'), demoFiles('video', '', 'x')]) {
      expect((await app.request(file!.file_url)).status).toBe(200);
    }
  });

  it('refuse an unknown kind, obey the pre-auth limit, and serve only this machine when the proxy does', async () => {
    expect(await (await create(demoApp().app, '{"kind":"audio"}')).json()).toEqual({
      detail: 'kind must be one of "image", "video", "failure"',
    });
    expect((await create(demoApp().app, 'not json')).status).toBe(400);
    const limited: MiddlewareHandler = (c) => Promise.resolve(c.json({ detail: 'Too many requests' }, 429));
    expect((await create(demoApp({ preAuth: limited }).app, '{"kind":"image"}')).status).toBe(429);
    expect((await create(demoApp({ localOnly: true, address: '203.0.113.9' }).app, '{"kind":"image"}')).status).toBe(
      403,
    );
    const local = demoApp({ localOnly: true }).app.request('http://localhost/demo/tasks', {
      method: 'POST',
      body: '{"kind":"image"}',
    });
    expect((await local).status).toBe(201);
    expect((await demoApp({ embedded: false }).app.request('/demo/tasks', { method: 'POST' })).status).toBe(404);
  });

  it('serve the task image as a self-contained SVG, and the clip with byte ranges', async () => {
    const { app } = demoApp();
    const svg = await app.request('/demo/media/task-unified-1-abc.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(await svg.text()).toContain('>task-unified-1-abc</text>');
    expect((await app.request('/demo/media/a%3Cb.svg')).status).toBe(404);
    expect((await app.request('/demo/media/other.webm')).status).toBe(404);

    const whole = await app.request('/demo/media/sample-clip.webm');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect([...bytes.slice(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // the EBML magic of WebM
    const part = await app.request('/demo/media/sample-clip.webm', { headers: { range: 'bytes=4-9' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-9/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(4, 10));
    const tail = await app.request('/demo/media/sample-clip.webm', { headers: { range: 'bytes=-3' } });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(-3));
    expect(
      (await app.request('/demo/media/sample-clip.webm', { headers: { range: `bytes=${bytes.length}-` } })).status,
    ).toBe(416);
  });
});
