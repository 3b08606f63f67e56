import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const app = fileURLToPath(new URL('../../', import.meta.url));

/** The `--allow-env=` flag of `deno task start`, as deno.json has it. */
const denoAllowEnv = () =>
  (JSON.parse(readFileSync(`${app}deno.json`, 'utf8')) as { tasks: { start: string } }).tasks.start
    .split(' ')
    .find((flag) => flag.startsWith('--allow-env='))!;

export const ENTRYPOINTS = {
  node: () => ({
    command: process.execPath,
    args: ['scripts/run-ts.mjs', 'apps/edge-proxy/src/entry/node.ts'],
    cwd: root,
  }),
  // The binary itself: the npm shim in .bin is a Node wrapper that would not pass signals on.
  deno: () => ({
    command: `${app}node_modules/deno/deno`,
    args: ['run', '--allow-net=127.0.0.1', denoAllowEnv(), 'src/entry/deno.ts'],
    cwd: app,
  }),
};

export interface EntryProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
}

/** Starts an entrypoint as `pnpm start` or `deno task start` would, and waits for its address. */
export function startEntry(runtime: keyof typeof ENTRYPOINTS, env: Record<string, string>): Promise<EntryProcess> {
  const { command, args, cwd } = ENTRYPOINTS[runtime]();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: '0', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
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
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

/** Ends a child and what it started, if it is still there. */
export function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A raw connection to 127.0.0.1:`port`: its bytes so far, and whether the server closed it. */
export async function rawConnection(port: number): Promise<{ socket: Socket; received(): string; closed(): boolean }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed: () => closed };
}

/** Whether a new connection to 127.0.0.1:`port` is refused. */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
