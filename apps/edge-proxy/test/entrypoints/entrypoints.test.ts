import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SETTING_NAMES } from '../../src/settings.ts';
import { eventually } from '../support/served-over-http.ts';
import { checkProxyOverHttp } from './http-checks.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const app = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];

/** A flag of `deno task start`, as deno.json has it. */
function startTaskFlag(prefix: string): string {
  const { tasks } = JSON.parse(readFileSync(`${app}deno.json`, 'utf8')) as { tasks: { start: string } };
  return tasks.start.split(' ').find((flag) => flag.startsWith(prefix))!;
}

const entrypoints = {
  node: { command: process.execPath, args: ['scripts/run-ts.mjs', 'apps/edge-proxy/src/entry/node.ts'], cwd: root },
  deno: {
    // The binary itself: the npm shim in .bin is a Node wrapper that would not pass SIGTERM on.
    command: `${app}node_modules/deno/deno`,
    // The environment `deno task start` grants, and the network of this machine only.
    args: ['run', '--allow-net=127.0.0.1', startTaskFlag('--allow-env='), 'src/entry/deno.ts'],
    cwd: app,
  },
};

/** Starts an entrypoint as its own process, as `pnpm start` or `deno task start` do, and waits for its address. */
function startEntry(
  runtime: keyof typeof entrypoints,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const { command, args, cwd } = entrypoints[runtime];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: '0', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(Object.assign(new Error(`exited with ${code}: ${output}`), { code, output })));
  });
}

/** A free port on 127.0.0.1 (wrangler wants a number). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Ends a child and everything it started (wrangler's workerd, deno's npm shim…): its whole process group. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

afterAll(() => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

describe.each(Object.keys(entrypoints) as (keyof typeof entrypoints)[])(
  'the %s entrypoint over real HTTP',
  (runtime) => {
    it('serves the proxy and its demo on the embedded simulator, says so, and stops on SIGTERM', async () => {
      const { child, url, output } = await startEntry(runtime, {});
      await checkProxyOverHttp(url, { loopbackOpen: true });
      expect(output()).toMatch(/embedded simulated Vidgo/);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }, 30_000);

    it('stops at once on a bad setting, with one clear line', async () => {
      const error = await startEntry(runtime, { PORT: 'eighty' }).catch(
        (error: { code: number; output: string }) => error,
      );
      expect(error).toMatchObject({ code: 1 });
      expect((error as { output: string }).output.trim()).toBe('edge-proxy: PORT must be a port number, got "eighty"');
    }, 30_000);
  },
);

describe('deno task start', () => {
  it('grants the entrypoint every setting it reads, and no other variable', () => {
    expect(startTaskFlag('--allow-env=').slice('--allow-env='.length).split(',').sort()).toEqual(
      [...SETTING_NAMES].sort(),
    );
    expect(startTaskFlag('--allow-net=')).toBe('--allow-net=127.0.0.1,localhost,api.vidgo.ai');
  });
});

/** `wrangler dev` on a free port, with `vars`; resolves once it is ready. */
async function startWrangler(vars: string[] = []): Promise<{ child: ChildProcess; url: string; output: () => string }> {
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
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

describe('the Workers entrypoint over real HTTP (wrangler dev, local workerd)', () => {
  it('serves the same proxy, its SSE from the TaskWatcher Durable Object', async () => {
    const { child, url } = await startWrangler();
    // On Workers client addresses are not trusted: the default config serves credentials only.
    const refused = await fetch(`${url}/api/generate/status/task-1`, { headers: { origin: 'http://127.0.0.1' } });
    expect(refused.status).toBe(401);
    await checkProxyOverHttp(url, { loopbackOpen: false });
    killGroup(child, 'SIGTERM');
  }, 90_000);

  it('answers a bad setting with a generic 500, its detail only in the log', async () => {
    const { child, output } = await startWrangler(['PROXY_TOKEN:short-secret']).then(async (started) => {
      const answer = await fetch(`${started.url}/healthz`);
      expect(answer.status).toBe(500);
      const body = await answer.text();
      expect(JSON.parse(body)).toEqual({ detail: 'The proxy is misconfigured' });
      expect(body).not.toContain('short-secret');
      return started;
    });
    await eventually(() => /PROXY_TOKEN must be at least 16/.test(output()), 'the detail in the log');
    expect(output()).not.toContain('short-secret');
    killGroup(child, 'SIGTERM');
  }, 90_000);
});
