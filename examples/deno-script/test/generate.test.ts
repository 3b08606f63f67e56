// Runs generate.ts in the real `deno` binary, with the permissions its README names, against a
// simulated Vidgo on 127.0.0.1 (so `--allow-net=127.0.0.1` covers the API and the files).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  runProcess,
  type SimulatedVidgo,
  type SimulatedVidgoOptions,
  startSimulatedVidgo,
} from '@vidgo-sdk/example-harness';
import { afterEach, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const deno = join(exampleDir, 'node_modules/.bin/deno');
const rootPackageJson = fileURLToPath(new URL('../../../package.json', import.meta.url));
let vidgo: SimulatedVidgo | undefined;
let outDir: string | undefined;

afterEach(async () => {
  await vidgo?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
  vidgo = outDir = undefined;
});

async function generate(prompt: string, options: SimulatedVidgoOptions & { apiKey?: string } = {}) {
  vidgo = await startSimulatedVidgo(options);
  outDir = await mkdtemp(join(tmpdir(), 'vidgo-example-deno-'));
  const rootBefore = await readFile(rootPackageJson, 'utf8');
  const permissions = [
    '--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL,VIDGO_ALLOW_LOCAL_FILES',
    '--allow-net=127.0.0.1',
    `--allow-read=${outDir}`,
    `--allow-write=${outDir}`,
  ];
  const result = await runProcess(deno, ['run', '--no-prompt', ...permissions, 'generate.ts', prompt, outDir], {
    cwd: exampleDir,
    env: {
      VIDGO_API_KEY: options.apiKey ?? vidgo.apiKey,
      VIDGO_BASE_URL: vidgo.baseUrl,
      VIDGO_ALLOW_LOCAL_FILES: '1',
      // The workspace's packages from their TypeScript sources, as everywhere in this repository.
      DENO_CONDITIONS: '@vidgo-sdk/source',
      DENO_NO_UPDATE_CHECK: '1',
    },
  });
  // Deno 2.9 rewrites the root package.json after a resolution error (see packages/deno/scripts/deno.mjs).
  expect(await readFile(rootPackageJson, 'utf8')).toBe(rootBefore);
  expect(`${result.stdout}${result.stderr}`).not.toContain(vidgo.apiKey);
  return { ...result, outDir, vidgo };
}

describe('examples/deno-script', () => {
  it('submits the prompt, prints each change up to finished, and saves the image', async () => {
    const { code, stdout, stderr, outDir, vidgo } = await generate('a red fox in the snow');

    expect(stderr).toBe('');
    expect(vidgo.prompts).toEqual(['a red fox in the snow']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^submitted task-unified-\S+$/);
    expect(lines[1]).toMatch(/^running \d+%$/);
    const saved = join(outDir, 'image-1.png');
    expect(lines.slice(-2)).toEqual([
      'finished 100%',
      `saved ${saved} (${vidgo.files.get('image-1.png')!.byteLength} bytes)`,
    ]);
    expect(new Uint8Array(await readFile(saved))).toEqual(vidgo.files.get('image-1.png'));
    expect(code).toBe(0);
  });

  it('a failed task: says why, saves nothing, exits 1', async () => {
    const { code, stdout, stderr, outDir } = await generate('a forbidden fox', {
      outcome: 'failed',
      errorMessage: 'The prompt violates our content policy',
      durationMs: 0,
    });

    expect(stdout).toMatch(/^failed \d+%$/m);
    expect(stderr).toBe('the task failed: The prompt violates our content policy\n');
    expect(await readdir(outDir)).toEqual([]);
    expect(code).toBe(1);
  });

  it('a refused key: one line naming the error, never the key, exits 1', async () => {
    const wrongKey = 'vk_not_a_real_key_93b1c0';
    const { code, stderr, vidgo } = await generate('a red fox', { apiKey: wrongKey });

    expect(stderr).toMatch(/^authentication: .*401[^\n]*\n$/);
    expect(stderr).not.toContain(wrongKey);
    expect(vidgo.prompts).toEqual([]);
    expect(code).toBe(1);
  });
});
