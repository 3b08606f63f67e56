// Runs generate.ts in the real `bun` binary (the `bun` package from npm) against a simulated Vidgo on
// 127.0.0.1. `--conditions=@vidgo-sdk/source`: the workspace's packages from their TypeScript sources.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExampleRun, runExample, type SimulatedVidgoOptions } from '@vidgo-sdk/example-harness';
import { describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));

async function generate(prompts: string[], vidgo: SimulatedVidgoOptions = {}) {
  const run = await runExample({
    vidgo,
    cwd: exampleDir,
    command: join(exampleDir, 'node_modules/.bin/bun'),
    args: (outDir) => ['--conditions=@vidgo-sdk/source', 'generate.ts', outDir, ...prompts],
  });
  for (const secret of run.secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  return run;
}

/** The name of the file served for the task of `prompt` (the simulated Vidgo numbers them by submit). */
const fileOf = (run: ExampleRun, prompt: string) => `image-${run.prompts.indexOf(prompt) + 1}.png`;

describe.concurrent('examples/bun-script', () => {
  it('submits every prompt, and saves each image once its task finishes', async () => {
    const prompts = ['a red fox', 'a snowy owl', 'a lynx at dusk'];
    const run = await generate(prompts);

    expect(run.stderr).toBe('');
    expect([...run.prompts].sort()).toEqual([...prompts].sort());
    for (const prompt of prompts) {
      expect(run.stdout).toMatch(new RegExp(`^submitted task-unified-\\S+: ${prompt}$`, 'm'));
      expect(run.stdout).toContain(`saved ${join(run.outDir, fileOf(run, prompt))}: ${prompt}\n`);
    }
    expect(run.saved).toEqual(run.served);
    expect(run.code).toBe(0);
  });

  it('one failed task: the others are saved, the failure is named, exit 1', async () => {
    const run = await generate(['a red fox', 'a forbidden fox'], {
      outcome: (prompt) => (prompt.includes('forbidden') ? 'failed' : 'finished'),
      errorMessage: 'The prompt violates our content policy',
      durationMs: 1000,
    });

    expect(run.stderr).toMatch(/^"a forbidden fox": task_failed: .*The prompt violates our content policy/m);
    expect([...run.saved.keys()]).toEqual([fileOf(run, 'a red fox')]);
    expect(run.code).toBe(1);
  });

  it('no prompt: the usage, exit 2, nothing submitted', async () => {
    const run = await generate([]);

    expect(run.stderr).toBe('usage: bun generate.ts OUT_DIR PROMPT...\n');
    expect(run.prompts).toEqual([]);
    expect(run.code).toBe(2);
  });
});
