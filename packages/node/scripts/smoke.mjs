#!/usr/bin/env node
// Packed-package smoke test: builds core, testing and node, packs them as they would be
// published, installs the tarballs into a throwaway consumer with npm, and uses them as a user
// would: ESM import and CJS require, the `vidgo` bin (also on the newest Node LTS), and TypeScript
// with node16 and bundler resolution; then the same imports and the bin under Bun (the workspace's
// bun 1.4.4). Only npm's registry is reached (for msw and the `node` package); keep
// NODE_EXTRA_CA_CERTS in the env.
//
//   pnpm --filter @vidgo-sdk/node test:smoke        (VIDGO_SMOKE_KEEP=1 keeps the temp dir)
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { installNodeLts, NODE_LTS_VERSION } from '../../../scripts/node-lts.mjs';
import { bunBinary, repo, startSmoke } from '../../../scripts/smoke-steps.mjs';

const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const { work, env, run, step, finish, pack } = await startSmoke({ label: 'smoke', tempPrefix: 'vidgo-smoke-' });
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
await mkdir(tarballs);
await mkdir(consumer);

await step(
  'build core, testing, node',
  () =>
    void run(
      'pnpm',
      ['--filter', '@vidgo-sdk/core', '--filter', '@vidgo-sdk/node', '--filter', '@vidgo-sdk/testing', 'build'],
      { cwd: repo },
    ),
  { fatal: true },
);

let packed = {};
await step(
  'pnpm pack',
  async () => {
    packed = await pack(['core', 'testing', 'node'], tarballs);
    return Object.values(packed)
      .map((path) => path.split('/').pop())
      .join(', ');
  },
  { fatal: true },
);

await step(
  'npm install the tarballs (and msw@2.15.0, the testing peer)',
  async () => {
    await writeFile(
      join(consumer, 'package.json'),
      `${JSON.stringify({ name: 'vidgo-smoke-consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--offline=false',
        '--loglevel=error',
        packed.core,
        packed.testing,
        packed.node,
        'msw@2.15.0',
      ],
      {
        cwd: consumer,
      },
    );
  },
  { fatal: true },
);

// The same checks from ESM and from CommonJS: every entry point loads, the Node client reads
// its key from the environment and talks to the simulator's fetch face.
const checks = (load) => `
${load('core', '@vidgo-sdk/core')}
${load('lite', '@vidgo-sdk/core/lite')}
${load('node', '@vidgo-sdk/node')}
${load('testing', '@vidgo-sdk/testing')}
const assert = (ok, what) => { if (!ok) { console.error('check failed: ' + what); process.exit(1); } };
const sim = testing.createVidgoSimulator({ apiKeys: ['smoke-key'] });
const id = sim.createTask({ queuedMs: 0, durationMs: 0 });
(async () => {
  const viaEnv = node.createVidgoClient({ fetch: sim.fetch, env: { VIDGO_API_KEY: 'smoke-key' } });
  assert((await viaEnv.getTask(id)).status === 'finished', 'node client getTask');
  assert(typeof viaEnv.waitForTask === 'function', 'node client is the full client');
  assert(
    (await core.createVidgoClient({ apiKey: 'smoke-key', fetch: sim.fetch }).getTask(id)).task_id === id,
    'core getTask',
  );
  assert(
    (await lite.createVidgoClient({ apiKey: 'smoke-key', fetch: sim.fetch }).getTask(id)).task_id === id,
    'lite getTask',
  );
  assert(node.VidgoError === core.VidgoError, 'node re-exports the same core');
  assert(
    typeof node.downloadFiles === 'function' && node.VidgoError.is(new node.DownloadError('x', { reason: 'network' })),
    'downloadFiles, DownloadError',
  );
  let missing;
  try { node.createVidgoClient({ env: {} }); } catch (error) { missing = error; }
  assert(missing && missing.name === 'ConfigurationError', 'no key is a ConfigurationError');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
`;

await step('ESM import of core, core/lite, node, testing', async () => {
  await writeFile(
    join(consumer, 'esm.mjs'),
    checks((name, specifier) => `import * as ${name} from '${specifier}';`),
  );
  run(process.execPath, ['esm.mjs'], { cwd: consumer });
});

await step('CJS require of core, core/lite, node, testing', async () => {
  await writeFile(
    join(consumer, 'cjs.cjs'),
    checks((name, specifier) => `const ${name} = require('${specifier}');`),
  );
  run(process.execPath, ['cjs.cjs'], { cwd: consumer });
});

const bin = join(consumer, 'node_modules', '.bin', 'vidgo');
await step('vidgo --help and --version from node_modules/.bin', () => {
  const help = run(bin, ['--help'], { cwd: consumer });
  if (!help.stdout.includes('Exit codes:')) throw new Error(`unexpected help:\n${help.stdout}`);
  const usage = run(bin, ['wait'], { cwd: consumer, expectCode: 3 });
  if (!usage.stderr.startsWith('vidgo: ')) throw new Error(`unexpected usage error: ${usage.stderr}`);
  return `version ${run(bin, ['--version'], { cwd: consumer }).stdout.trim()}`;
});

// The simulator server and the bin, both run by `runtime` (node, or bun: a bun user runs
// `bun node_modules/.bin/vidgo`, which bun runs itself rather than through the node shebang).
const binStatus = (runtime) => `import { execFile } from 'node:child_process';
import { createVidgoSimulator, realClock } from '@vidgo-sdk/testing';
const sim = createVidgoSimulator({ clock: realClock, apiKeys: ['smoke-key'] });
const server = await sim.listen();
const id = sim.createTask({ queuedMs: 0, durationMs: 0 });
const env = { ...process.env, VIDGO_API_KEY: 'smoke-key', VIDGO_BASE_URL: server.url };
const args = [${JSON.stringify(bin)}, 'status', '--json', id];
execFile(${JSON.stringify(runtime)}, args, { env }, async (error, stdout, stderr) => {
  await server.close();
  if (error || JSON.parse(stdout).status !== 'finished') {
    console.error(error?.message ?? '', stderr, stdout);
    process.exit(1);
  }
});
`;

await step('vidgo status against the packed simulator server', async () => {
  await writeFile(join(consumer, 'bin-status.mjs'), binStatus(process.execPath));
  run(process.execPath, ['bin-status.mjs'], { cwd: consumer });
});

// The same checks on the newest Node LTS, installed from the registry's `node` package. The bin's
// `#!/usr/bin/env node` takes the first node on PATH: the LTS one here.
await step(`ESM, CJS and the vidgo CLI on Node ${NODE_LTS_VERSION} (LTS, from the node package)`, async () => {
  const binDir = await installNodeLts(join(work, 'node-lts'), run);
  const onLts = { cwd: consumer, env: { ...env, PATH: `${binDir}${delimiter}${env.PATH}` } };
  const version = run('node', ['--version'], onLts).stdout.trim();
  if (version !== `v${NODE_LTS_VERSION}`) throw new Error(`node on PATH is ${version}`);
  for (const script of ['esm.mjs', 'cjs.cjs', 'bin-status.mjs']) run('node', [script], onLts);
  if (!run(bin, ['--help'], onLts).stdout.includes('Exit codes:')) throw new Error('unexpected vidgo --help');
  return version;
});

const consumerTypes = `import {
  createVidgoClient,
  downloadFiles,
  DownloadError,
  NotFoundError,
  TaskPool,
  VidgoError,
  type DownloadProgress,
  type Task,
} from '@vidgo-sdk/node';
import { createVidgoClient as createLiteClient } from '@vidgo-sdk/core/lite';
import type { WaitState } from '@vidgo-sdk/core';

const vidgo = createVidgoClient({ env: { VIDGO_API_KEY: 'x' }, timeoutMs: 10_000 });
export async function generate(signal: AbortSignal): Promise<string[]> {
  const task: Task = await vidgo.waitForTask('task-1', {
    signal,
    model: 'sora-2',
    onProgress: (task) => void task.progress,
  });
  const files = await downloadFiles(task, 'out', {
    signal,
    onProgress: ({ bytesWritten, totalBytes }: DownloadProgress) => void [bytesWritten, totalBytes],
  });
  return files.map((file) => file.path);
}
export function explain(error: unknown): string {
  if (error instanceof DownloadError) return \`\${error.url} \${error.status ?? ''}\`;
  if (error instanceof NotFoundError) return String(error.status);
  return VidgoError.is(error) ? error.code : 'unknown';
}
export const pool = new TaskPool(vidgo, { maxRequestsPerSecond: 5 });
export const saved: WaitState | undefined = undefined;
const lite = createLiteClient({ apiKey: 'x' });
// @ts-expect-error the lite client has no waiting engine
lite.waitForTask;
`;

for (const [resolution, module] of [
  ['node16', 'node16'],
  ['bundler', 'esnext'],
]) {
  await step(`TypeScript, moduleResolution ${resolution}`, async () => {
    const files = ['consumer.ts', ...(resolution === 'node16' ? ['consumer-cjs.cts'] : [])];
    await writeFile(join(consumer, 'consumer.ts'), consumerTypes);
    // A CommonJS file of the same project: under node16 it resolves the `require` types.
    await writeFile(
      join(consumer, 'consumer-cjs.cts'),
      [
        "import { createVidgoClient, downloadFiles } from '@vidgo-sdk/node';",
        "export const client = createVidgoClient({ apiKey: 'x' });",
        'export const download = downloadFiles;',
        '',
      ].join('\n'),
    );
    const config = {
      compilerOptions: {
        module,
        moduleResolution: resolution,
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files,
    };
    await writeFile(join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
    run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: consumer });
  });
}

// Under Bun: the files the Node steps wrote, run by bun (ESM and CommonJS), and the bin.
await step('Bun: ESM import and CJS require of core, core/lite, node, testing', () => {
  const bun = bunBinary();
  run(bun, ['esm.mjs'], { cwd: consumer });
  run(bun, ['cjs.cjs'], { cwd: consumer });
  return `bun ${run(bun, ['--version'], { cwd: consumer }).stdout.trim()}`;
});

await step('Bun: vidgo --help, a usage error, and status against the packed simulator server', async () => {
  const bun = bunBinary();
  const help = run(bun, [bin, '--help'], { cwd: consumer });
  if (!help.stdout.includes('Exit codes:')) throw new Error(`unexpected help:\n${help.stdout}`);
  const usage = run(bun, [bin, 'wait'], { cwd: consumer, expectCode: 3 });
  if (!usage.stderr.startsWith('vidgo: ')) throw new Error(`unexpected usage error: ${usage.stderr}`);
  await writeFile(join(consumer, 'bin-status-bun.mjs'), binStatus(bun));
  run(bun, ['bin-status-bun.mjs'], { cwd: consumer });
});

await finish();
