import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { freePort } from './free-port.ts';

// The entrypoints as their own processes, as `pnpm start`, `deno task start` and `pnpm start:bun`
// run them, shared by the entrypoint suites. Every process started here is killed after the file.

export const root = fileURLToPath(new URL('../../../../', import.meta.url));
export const app = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];

/** A flag of `deno task start`, as deno.json has it. */
export function startTaskFlag(prefix: string): string {
  const { tasks } = JSON.parse(readFileSync(`${app}deno.json`, 'utf8')) as { tasks: { start: string } };
  return tasks.start.split(' ').find((flag) => flag.startsWith(prefix))!;
}

/** The flags `pnpm start:bun` gives bun, as package.json has them. */
export function startBunFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${app}package.json`, 'utf8')) as { scripts: Record<string, string> };
  return scripts['start:bun']!.split(' ').filter((word) => word.startsWith('--'));
}

export const entrypoints = {
  node: { command: process.execPath, args: ['scripts/run-ts.mjs', 'apps/edge-proxy/src/entry/node.ts'], cwd: root },
  deno: {
    // The binary itself: the npm shim in .bin is a Node wrapper that would not pass SIGTERM on.
    command: `${app}node_modules/deno/deno`,
    // The environment `deno task start` grants, and the network of this machine only.
    args: ['run', '--allow-net=127.0.0.1', startTaskFlag('--allow-env='), 'src/entry/deno.ts'],
    cwd: app,
  },
  bun: {
    // The binary itself (linked by bun's postinstall), not the shell shim in .bin.
    command: `${app}node_modules/bun/bin/bun.exe`,
    // From source, with the flags of `pnpm start:bun`.
    args: ['--conditions=@vidgo-sdk/source', ...startBunFlags(), 'src/entry/bun.ts'],
    cwd: app,
  },
};
export type Runtime = keyof typeof entrypoints;

export interface StartedEntry {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
}

/** Starts an entrypoint as its own process and waits for its address. */
export function startEntry(runtime: Runtime, env: Record<string, string>): Promise<StartedEntry> {
  const { command, args, cwd } = entrypoints[runtime];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: '0', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s"]+:(\d+))/.exec(output);
      if (match) resolve({ child, url: match[1]!, port: Number(match[2]), output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(Object.assign(new Error(`exited with ${code}: ${output}`), { code, output })));
  });
}

/** `wrangler dev` on a free port, with `vars`; resolves once it is ready. */
export async function startWrangler(vars: string[] = []): Promise<StartedEntry> {
  const port = await freePort();
  const child = spawn(
    `${app}node_modules/.bin/wrangler`,
    [
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      ...vars.flatMap((entry) => ['--var', entry]),
      '--show-interactive-dev-session=false',
    ],
    {
      cwd: app,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready on http/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`wrangler exited with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, port, output: () => output, exited };
}

/** Ends a child and everything it started (wrangler's workerd, deno's npm shim…): its whole process group. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

afterAll(() => {
  for (const child of children) killGroup(child, 'SIGKILL');
});
