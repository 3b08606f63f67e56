// Runs generate.ts in the real `deno` binary, with the permissions its README names, against a
// simulated Vidgo on 127.0.0.1 (so `--allow-net=127.0.0.1` covers the API and the files).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExample, type SimulatedVidgoOptions } from '@vidgo-sdk/example-harness';
import { describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const rootPackageJson = fileURLToPath(new URL('../../../package.json', import.meta.url));

async function generate(prompt: string, options: { apiKey?: string; vidgo?: SimulatedVidgoOptions } = {}) {
  const rootBefore = await readFile(rootPackageJson, 'utf8');
  const run = await runExample({
    ...options,
    cwd: exampleDir,
    command: join(exampleDir, 'node_modules/.bin/deno'),
    args: (outDir) => [
      'run',
      '--no-prompt',
      '--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL,VIDGO_ALLOW_LOCAL_FILES',
      '--allow-net=127.0.0.1',
      `--allow-read=${outDir}`,
      `--allow-write=${outDir}`,
      'generate.ts',
      prompt,
      outDir,
    ],
    // The workspace's packages from their TypeScript sources, as everywhere in this repository.
    env: { DENO_CONDITIONS: '@vidgo-sdk/source', DENO_NO_UPDATE_CHECK: '1' },
  });
  // Deno 2.9 rewrites the root package.json after a resolution error (see packages/deno/scripts/deno.mjs).
  expect(await readFile(rootPackageJson, 'utf8')).toBe(rootBefore);
  for (const secret of run.secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  return run;
}

describe.concurrent('examples/deno-script', () => {
  it('submits the prompt, prints each change up to finished, and saves the image', async () => {
    const { code, stdout, stderr, outDir, saved, served, prompts } = await generate('a red fox in the snow');

    expect(stderr).toBe('');
    expect(prompts).toEqual(['a red fox in the snow']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^submitted task-unified-\S+$/);
    expect(lines[1]).toMatch(/^running \d+%$/);
    const image = served.get('image-1.png')!;
    expect(lines.slice(-2)).toEqual([
      'finished 100%',
      `saved ${join(outDir, 'image-1.png')} (${image.byteLength} bytes)`,
    ]);
    expect(saved).toEqual(new Map([['image-1.png', image]]));
    expect(code).toBe(0);
  });

  it('a failed task: says why, saves nothing, exits 1', async () => {
    const { code, stdout, stderr, saved } = await generate('a forbidden fox', {
      vidgo: { outcome: 'failed', errorMessage: 'The prompt violates our content policy', durationMs: 0 },
    });

    expect(stdout).toMatch(/^failed \d+%$/m);
    expect(stderr).toBe('the task failed: The prompt violates our content policy\n');
    expect(saved.size).toBe(0);
    expect(code).toBe(1);
  });

  it('a refused key: one line naming the error, never the key, exits 1', async () => {
    const { code, stderr, prompts } = await generate('a red fox', { apiKey: 'vk_not_a_real_key_93b1c0' });

    expect(stderr).toMatch(/^authentication: .*401[^\n]*\n$/);
    expect(prompts).toEqual([]);
    expect(code).toBe(1);
  });
});
