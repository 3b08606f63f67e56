#!/usr/bin/env node
// Packed-package smoke test for Workers: builds core and cloudflare, packs them as they would be
// published, installs the tarballs into a throwaway Worker project with npm, and lets wrangler
// handle it as a user's project: `wrangler types` and tsc against the generated runtime types,
// `wrangler deploy --dry-run` (the exports map must resolve under wrangler's workerd/worker/browser
// conditions, with no nodejs_compat), then `wrangler dev --local` serving a status route
// (createVidgoClient + cachedGetTask) and an SSE route (the TaskWatcher Durable Object) against a
// simulator server on 127.0.0.1. npm installs only the two tarballs; keep NODE_EXTRA_CA_CERTS in
// the env all the same.
//
//   pnpm --filter @vidgo-sdk/cloudflare test:smoke        (VIDGO_SMOKE_KEEP=1 keeps the temp dir)
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo, startSmoke } from '../../../scripts/smoke-steps.mjs';
import { freePort, readFirstEvent, waitForServer } from './smoke-helpers.mjs';

const packageDir = join(repo, 'packages/cloudflare');
const wrangler = join(packageDir, 'node_modules/wrangler/bin/wrangler.js');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

const { work, env, run, step, finish, pack } = await startSmoke({
  label: 'smoke (workers)',
  tempPrefix: 'vidgo-workers-smoke-',
  // The machine's environment (the registry's certificate included), quiet and local.
  env: (work) => ({
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_LOG_PATH: join(work, 'wrangler-logs'),
    NO_COLOR: '1',
  }),
});
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'worker');
await mkdir(tarballs);
await mkdir(join(consumer, 'src'), { recursive: true });

// The Worker of the package README, as a user writes it: the status route through the Cache API,
// the events route to the TaskWatcher Durable Object.
const WORKER = `\
import { cachedGetTask, createVidgoClient, TaskWatcher, VidgoError, watchTaskEvents } from '@vidgo-sdk/cloudflare';

// The Durable Object class, bound as TASK_WATCHER in wrangler.jsonc.
export { TaskWatcher };

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const match = /^\\/api\\/generate\\/status\\/([^/]+)(\\/events)?$/.exec(new URL(request.url).pathname);
    if (!match || request.method !== 'GET') return Response.json({ detail: 'Not found' }, { status: 404 });
    let taskId: string;
    try {
      taskId = decodeURIComponent(match[1]!);
    } catch {
      return Response.json({ detail: 'Invalid task id' }, { status: 400 });
    }
    // GET /api/generate/status/:taskId/events: Server-Sent Events, or a WebSocket on upgrade.
    if (match[2]) return watchTaskEvents(env.TASK_WATCHER, taskId, request);
    try {
      // Finished and failed tasks come from the Cache API after the first request.
      const task = await cachedGetTask(createVidgoClient(env), taskId, { ctx });
      return Response.json({ code: 200, data: task });
    } catch (error) {
      if (VidgoError.is(error) && error.code === 'not_found')
        return Response.json({ detail: 'Task not found' }, { status: 404 });
      if (VidgoError.is(error) && error.code === 'invalid_task_id')
        return Response.json({ detail: 'Invalid task id' }, { status: 400 });
      throw error;
    }
  },
} satisfies ExportedHandler<Env>;
`;

const WRANGLER_CONFIG = (baseUrl) => ({
  $schema: 'node_modules/wrangler/config-schema.json',
  name: 'vidgo-smoke',
  main: 'src/index.ts',
  compatibility_date: '2026-04-01',
  // No nodejs_compat: nothing in the packages may need it.
  vars: { VIDGO_BASE_URL: baseUrl },
  durable_objects: { bindings: [{ name: 'TASK_WATCHER', class_name: 'TaskWatcher' }] },
  migrations: [{ tag: 'v1', new_sqlite_classes: ['TaskWatcher'] }],
});

await step(
  'build core, testing, cloudflare',
  () =>
    void run(
      'pnpm',
      ['--filter', '@vidgo-sdk/core', '--filter', '@vidgo-sdk/testing', '--filter', '@vidgo-sdk/cloudflare', 'build'],
      { cwd: repo },
    ),
  { fatal: true },
);

let packed = {};
await step(
  'pnpm pack core, cloudflare',
  async () => {
    packed = await pack(['core', 'cloudflare'], tarballs);
    return Object.values(packed)
      .map((path) => path.split('/').pop())
      .join(', ');
  },
  { fatal: true },
);

// A simulator server (the monorepo's built testing package) for the Worker to talk to.
const { createVidgoSimulator, realClock } = await import(
  pathToFileURL(join(repo, 'packages/testing/dist/index.js')).href
);
const apiKey = 'vk_workers_smoke_key';
const simulator = createVidgoSimulator({ clock: realClock, apiKeys: [apiKey] });
const server = await simulator.listen();

await step(
  'npm install the tarballs into a Worker project',
  async () => {
    const manifest = { name: 'vidgo-workers-smoke', private: true, type: 'module' };
    await writeFile(join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(consumer, 'wrangler.jsonc'), `${JSON.stringify(WRANGLER_CONFIG(server.url), null, 2)}\n`);
    // The secret, as `wrangler dev` reads it.
    await writeFile(join(consumer, '.dev.vars'), `VIDGO_API_KEY=${apiKey}\n`);
    await writeFile(join(consumer, 'src/index.ts'), WORKER);
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', packed.core, packed.cloudflare], {
      cwd: consumer,
    });
  },
  { fatal: true },
);

await step('wrangler types, then tsc against the generated runtime types', async () => {
  run(process.execPath, [wrangler, 'types'], { cwd: consumer });
  const config = {
    compilerOptions: {
      target: 'es2022',
      module: 'es2022',
      moduleResolution: 'bundler',
      lib: ['es2022'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    include: ['src', 'worker-configuration.d.ts'],
  };
  await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify(config, null, 2));
  run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer });
  const generated = await readFile(join(consumer, 'worker-configuration.d.ts'), 'utf8');
  return generated.match(/TASK_WATCHER: [^;]+/)?.[0];
});

await step('wrangler deploy --dry-run bundles it (workerd/worker/browser conditions, no nodejs_compat)', async () => {
  run(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', 'dist'], { cwd: consumer });
  const files = await readdir(join(consumer, 'dist'));
  const bundle = await readFile(
    join(
      consumer,
      'dist',
      files.find((file) => file.endsWith('.js')),
    ),
    'utf8',
  );
  for (const expected of ['var TaskWatcher = class', 'function cachedGetTask', 'function createTransport']) {
    if (!bundle.includes(expected)) throw new Error(`the bundle has no "${expected}"`);
  }
  const nodeImports = bundle.match(/from\s*["']node:[^"']+["']|require\(["']node:/g);
  if (nodeImports) throw new Error(`the bundle imports Node modules: ${nodeImports.join(', ')}`);
  if (/@vidgo-sdk\/source|\/src\/index\.ts/.test(bundle))
    throw new Error('the bundle took the packages’ sources, not dist/');
  return `${files.join(', ')}, ${(bundle.length / 1024).toFixed(1)} KiB`;
});

await step('wrangler dev --local: the status route and the TaskWatcher SSE route', async () => {
  const port = await freePort();
  const dev = spawn(
    process.execPath,
    [wrangler, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'],
    {
      cwd: consumer,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  dev.stdout.on('data', (chunk) => (output += chunk));
  dev.stderr.on('data', (chunk) => (output += chunk));
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitForServer(origin, dev, () => output);
    const finished = simulator.createTask({ queuedMs: 0, durationMs: 0 });
    for (let call = 0; call < 2; call++) {
      const response = await fetch(`${origin}/api/generate/status/${finished}`);
      const body = await response.json();
      if (response.status !== 200 || body.data?.status !== 'finished')
        throw new Error(`status route: ${response.status} ${JSON.stringify(body)}`);
    }
    const running = simulator.createTask({ queuedMs: 0, durationMs: 60_000 });
    const events = await fetch(`${origin}/api/generate/status/${running}/events`, {
      signal: AbortSignal.timeout(15_000),
    });
    if (!events.headers.get('content-type')?.startsWith('text/event-stream'))
      throw new Error(`events route: ${events.status} ${await events.text()}`);
    const first = await readFirstEvent(events.body);
    if (!/^event: task$/m.test(first) || !first.includes(`"task_id":"${running}"`))
      throw new Error(`events route sent: ${first}`);
    // The second status request came from the Cache API.
    const polls = simulator.requests.filter((request) => request.taskId === finished).length;
    if (polls !== 1) throw new Error(`the finished task was fetched upstream ${polls} times, not once`);
    return `status x2 (1 upstream request), first SSE event: ${JSON.parse(first.match(/^data: (.*)$/m)[1]).status}`;
  } catch (error) {
    throw new Error(`${error.message}\n--- wrangler dev ---\n${output.trim().split('\n').slice(-15).join('\n')}`);
  } finally {
    dev.kill('SIGTERM');
    await new Promise((done) => (dev.exitCode === null ? dev.once('exit', done) : done()));
  }
});

await server.close();
await finish();
