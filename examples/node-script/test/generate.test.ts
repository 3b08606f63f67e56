// Runs generate.ts as its own Node process against a simulated Vidgo on 127.0.0.1, as a user runs
// it (Node 20 cannot strip types: scripts/run-ts.mjs bundles it with the workspace's sources).
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
let vidgo: SimulatedVidgo | undefined;
let outDir: string | undefined;

afterEach(async () => {
  await vidgo?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
  vidgo = outDir = undefined;
});

async function generate(prompt: string, options: SimulatedVidgoOptions & { apiKey?: string } = {}) {
  vidgo = await startSimulatedVidgo(options);
  outDir = await mkdtemp(join(tmpdir(), 'vidgo-example-node-'));
  const result = await runProcess('node', ['../../scripts/run-ts.mjs', 'generate.ts', prompt, outDir], {
    cwd: exampleDir,
    env: {
      VIDGO_API_KEY: options.apiKey ?? vidgo.apiKey,
      VIDGO_BASE_URL: vidgo.baseUrl,
      VIDGO_ALLOW_LOCAL_FILES: '1',
    },
  });
  expect(`${result.stdout}${result.stderr}`).not.toContain(vidgo.apiKey);
  return { ...result, outDir, vidgo };
}

describe('examples/node-script', () => {
  it('submits the prompt, draws the progress up to 100 %, and saves the image', async () => {
    const { code, stdout, stderr, outDir, vidgo } = await generate('a red fox in the snow');

    expect(stderr).toMatch(/running {6}\[[#-]{20}\] +\d+%/);
    expect(stderr).toContain(`finished     [${'#'.repeat(20)}] 100%`);
    expect(vidgo.prompts).toEqual(['a red fox in the snow']);
    const saved = join(outDir, 'image-1.png');
    expect(stdout).toMatch(/^submitted task-unified-\S+$/m);
    expect(stdout).toContain(`saved ${saved} (${vidgo.files.get('image-1.png')!.byteLength} bytes)`);
    expect(new Uint8Array(await readFile(saved))).toEqual(vidgo.files.get('image-1.png'));
    expect(code).toBe(0);
  });

  it('a failed task: says why, saves nothing, exits 1', async () => {
    const { code, stderr, outDir } = await generate('a forbidden fox', {
      outcome: 'failed',
      errorMessage: 'The prompt violates our content policy',
      durationMs: 0,
    });

    expect(stderr).toContain('the task failed: The prompt violates our content policy');
    expect(await readdir(outDir)).toEqual([]);
    expect(code).toBe(1);
  });

  it('a refused key: one line naming the error, never the key, exits 1', async () => {
    const wrongKey = 'vk_not_a_real_key_93b1c0';
    const { code, stderr, vidgo } = await generate('a red fox', { apiKey: wrongKey });

    expect(stderr).toMatch(/^authentication: .*401/m);
    expect(stderr).not.toContain(wrongKey);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(vidgo.prompts).toEqual([]);
    expect(code).toBe(1);
  });
});
