// Runs generate.ts in the real `bun` binary (the `bun` package from npm) against a simulated Vidgo on
// 127.0.0.1. `--conditions=@vidgo-sdk/source`: the workspace's packages from their TypeScript sources.
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
const bun = join(exampleDir, 'node_modules/.bin/bun');
let vidgo: SimulatedVidgo | undefined;
let outDir: string | undefined;

afterEach(async () => {
  await vidgo?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
  vidgo = outDir = undefined;
});

async function generate(prompts: string[], options: SimulatedVidgoOptions & { apiKey?: string } = {}) {
  vidgo = await startSimulatedVidgo(options);
  outDir = await mkdtemp(join(tmpdir(), 'vidgo-example-bun-'));
  const args = ['--conditions=@vidgo-sdk/source', 'generate.ts', outDir, ...prompts];
  const result = await runProcess(bun, args, {
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

/** What the simulated storage served for the task of `prompt`, by the file's name. */
function servedFor(vidgo: SimulatedVidgo, prompt: string): [string, Uint8Array] {
  const name = `image-${vidgo.prompts.indexOf(prompt) + 1}.png`;
  return [name, vidgo.files.get(name)!];
}

describe('examples/bun-script', () => {
  it('submits every prompt, and saves each image once its task finishes', async () => {
    const prompts = ['a red fox', 'a snowy owl', 'a lynx at dusk'];
    const { code, stdout, stderr, outDir, vidgo } = await generate(prompts);

    expect(stderr).toBe('');
    expect([...vidgo.prompts].sort()).toEqual([...prompts].sort());
    for (const prompt of prompts) {
      const [name, bytes] = servedFor(vidgo, prompt);
      expect(stdout).toMatch(new RegExp(`^submitted task-unified-\\S+: ${prompt}$`, 'm'));
      expect(stdout).toContain(`saved ${join(outDir, name)}: ${prompt}\n`);
      expect(new Uint8Array(await readFile(join(outDir, name)))).toEqual(bytes);
    }
    expect(code).toBe(0);
  });

  it('one failed task: the others are saved, the failure is named, exit 1', async () => {
    const { code, stderr, outDir, vidgo } = await generate(['a red fox', 'a forbidden fox'], {
      outcome: (prompt) => (prompt.includes('forbidden') ? 'failed' : 'finished'),
      errorMessage: 'The prompt violates our content policy',
      durationMs: 1000,
    });

    expect(stderr).toMatch(/^"a forbidden fox": task_failed: .*The prompt violates our content policy/m);
    expect(await readdir(outDir)).toEqual([servedFor(vidgo, 'a red fox')[0]]);
    expect(code).toBe(1);
  });

  it('no prompt: the usage, exit 2, nothing submitted', async () => {
    const { code, stderr, vidgo } = await generate([]);

    expect(stderr).toBe('usage: bun generate.ts OUT_DIR PROMPT...\n');
    expect(vidgo.prompts).toEqual([]);
    expect(code).toBe(2);
  });
});
