// Runs generate.ts as its own Node process against a simulated Vidgo on 127.0.0.1, as a user runs
// it. Node 20 cannot strip types: esbuild bundles it first, with the workspace's packages from their
// sources (as scripts/run-ts.mjs does for `pnpm start`, once here for the concurrent runs).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExample, type SimulatedVidgoOptions } from '@vidgo-sdk/example-harness';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
let bundleDir: string;

beforeAll(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), 'vidgo-example-node-bundle-'));
  await build({
    entryPoints: [join(exampleDir, 'generate.ts')],
    outfile: join(bundleDir, 'generate.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@vidgo-sdk/source'],
    logLevel: 'warning',
  });
});
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

async function generate(prompt: string, options: { apiKey?: string; vidgo?: SimulatedVidgoOptions } = {}) {
  const run = await runExample({
    ...options,
    cwd: exampleDir,
    command: process.execPath,
    args: (outDir) => [join(bundleDir, 'generate.mjs'), prompt, outDir],
  });
  for (const secret of run.secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  return run;
}

describe.concurrent('examples/node-script', () => {
  it('submits the prompt, draws the progress up to 100 %, and saves the image', async () => {
    const { code, stdout, stderr, outDir, saved, served, prompts } = await generate('a red fox in the snow');

    expect(prompts).toEqual(['a red fox in the snow']);
    expect(stdout).toMatch(/^submitted task-unified-\S+$/m);
    expect(stderr).toMatch(/running {6}\[[#-]{20}\] +\d+%/);
    expect(stderr).toContain(`finished     [${'#'.repeat(20)}] 100%`);
    const image = served.get('image-1.png')!;
    expect(stdout).toContain(`saved ${join(outDir, 'image-1.png')} (${image.byteLength} bytes)`);
    expect(saved).toEqual(new Map([['image-1.png', image]]));
    expect(code).toBe(0);
  });

  it('a failed task: says why, saves nothing, exits 1', async () => {
    const { code, stderr, saved } = await generate('a forbidden fox', {
      vidgo: { outcome: 'failed', errorMessage: 'The prompt violates our content policy', durationMs: 0 },
    });

    expect(stderr).toContain('the task failed: The prompt violates our content policy');
    expect(saved.size).toBe(0);
    expect(code).toBe(1);
  });

  it('a refused key: one line naming the error, never the key, exits 1', async () => {
    const { code, stderr, prompts } = await generate('a red fox', { apiKey: 'vk_not_a_real_key_93b1c0' });

    expect(stderr).toMatch(/^authentication: .*401/m);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(prompts).toEqual([]);
    expect(code).toBe(1);
  });
});
