import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProcessResult, runProcess } from './run-process.ts';
import { type SimulatedVidgoOptions, startSimulatedVidgo } from './simulated-vidgo.ts';

export interface RunExampleOptions {
  /** The example's directory, where the command runs. */
  cwd: string;
  command: string;
  /** The arguments, given the fresh output directory the example should save into. */
  args: (outDir: string) => string[];
  /** Added to the environment, after VIDGO_API_KEY, VIDGO_BASE_URL and VIDGO_ALLOW_LOCAL_FILES=1. */
  env?: Record<string, string>;
  /** VIDGO_API_KEY, when not the key the simulated Vidgo accepts. */
  apiKey?: string;
  vidgo?: SimulatedVidgoOptions;
}

export interface ExampleRun extends ProcessResult {
  outDir: string;
  /** The files the example left in `outDir`, by name. */
  saved: Map<string, Uint8Array>;
  /** What the simulated storage served, by name (`image-1.png` for the first prompt submitted…). */
  served: ReadonlyMap<string, Uint8Array>;
  /** The prompts the simulated Vidgo received, in order. */
  prompts: string[];
  /** The keys the example was given and the simulated Vidgo accepts: no output may contain them. */
  secrets: string[];
}

/**
 * Runs an example to its end as a user would, against its own simulated Vidgo and output directory,
 * both gone when this resolves: runs are independent, and may go on at the same time.
 */
export async function runExample(options: RunExampleOptions): Promise<ExampleRun> {
  const vidgo = await startSimulatedVidgo(options.vidgo);
  const outDir = await mkdtemp(join(tmpdir(), 'vidgo-example-'));
  try {
    const apiKey = options.apiKey ?? vidgo.apiKey;
    const result = await runProcess(options.command, options.args(outDir), {
      cwd: options.cwd,
      env: { VIDGO_API_KEY: apiKey, VIDGO_BASE_URL: vidgo.baseUrl, VIDGO_ALLOW_LOCAL_FILES: '1', ...options.env },
    });
    const saved = new Map<string, Uint8Array>();
    for (const name of await readdir(outDir)) saved.set(name, new Uint8Array(await readFile(join(outDir, name))));
    const secrets = [...new Set([apiKey, vidgo.apiKey])];
    return { ...result, outDir, saved, served: vidgo.files, prompts: vidgo.prompts, secrets };
  } finally {
    await Promise.all([vidgo.close(), rm(outDir, { recursive: true, force: true })]);
  }
}
