import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles `src/cli.ts` with the workspace packages from source (as scripts/run-ts.mjs does), so
 * tests spawn the real program without a build first. Returns the bundle's path.
 */
export async function buildCliFromSource(): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'vidgo-cli-bundle-')), 'cli.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/cli.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@vidgo-sdk/source'],
    logLevel: 'warning',
  });
  return outfile;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI in a child process; `onStderr` sees output as it comes (to send a signal). */
export function spawnCli(
  bundle: string,
  args: string[],
  env: Record<string, string | undefined>,
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
