import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const app = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the app's node_modules, so that the bundle finds hono, ioredis… as the app does.
// One per test process: test files run in parallel workers, each building its own.
const bundle = `${app}node_modules/.cache/shared-tests/node-${randomUUID().slice(0, 8)}.mjs`;
let built: Promise<unknown> | undefined;

/** entry/node.ts bundled once (as scripts/run-ts.mjs would, each time), then started as often as needed. */
function buildEntry(): Promise<unknown> {
  built ??= build({
    entryPoints: [`${app}src/entry/node.ts`],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@vidgo-sdk/source'],
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-dependencies',
        setup(context) {
          context.onResolve({ filter: /^[^./]/ }, ({ path }) =>
            path.startsWith('@vidgo-sdk/') ? undefined : { path, external: true },
          );
        },
      },
    ],
  });
  return built;
}

export interface Replica {
  url: string;
  child: ChildProcess;
  output(): string;
  /** `kill -9`: no lease handed back, no stream ended. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** One proxy process (`pnpm start`'s entrypoint, or `deno task start:shared`'s) with `env`, once it listens. */
export async function startReplica(env: Record<string, string>, runtime: 'node' | 'deno' = 'node'): Promise<Replica> {
  if (runtime === 'node') await buildEntry();
  const [command, args] =
    runtime === 'node'
      ? [process.execPath, [bundle]]
      : [`${app}node_modules/deno/deno`, ['run', '--allow-net=127.0.0.1', '--allow-env', 'src/entry/deno.ts']];
  const child = spawn(command, args, {
    cwd: app,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" within 20 s: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      running.delete(child);
    },
  };
}

/** Ends every replica still running, and removes the bundle (afterAll). */
export function killReplicas(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  rmSync(bundle, { force: true });
  rmSync(`${bundle}.map`, { force: true });
}
