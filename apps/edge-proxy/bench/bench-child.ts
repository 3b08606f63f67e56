import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const TASKSET = '/usr/bin/taskset';
// More V8 flags for the Deno children (`--perf-basic-prof`) while working on them.
const DENO_V8_FLAGS = process.env.BENCH_DENO_V8_FLAGS?.split(' ') ?? [];

export interface PinnedCpus {
  server: number;
  load: number;
}

/**
 * The CPUs of a fan-out, where the machine has two or more and `taskset`: the server measured on
 * one (with all its threads), this process (the watchers reading) on another, rather than where
 * the scheduler puts them from one run to the next. `undefined` where pinning is not possible.
 */
export function pinnedCpus(): PinnedCpus | undefined {
  if (process.platform !== 'linux' || availableParallelism() < 2 || !existsSync(TASKSET)) return undefined;
  execFileSync(TASKSET, ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  return { server: 0, load: 1 };
}

/**
 * The benchmark's processes talk over Node's IPC channel (which Deno and Bun speak too, as
 * children forked by Node): the parent calls a named operation, the child answers it. Each child
 * is a TypeScript file in this folder, run on Node as the repository runs its benchmarks
 * (`scripts/run-ts.mjs`), or on Deno or Bun from source as their entrypoints run.
 */
interface Call {
  id: number;
  operation: string;
  argument?: unknown;
}
type Answer = { id: number; result: unknown } | { id: number; error: string };
type Ready = { ready: Record<string, unknown> };

export interface BenchChild<Info> {
  /** What the child said once it was ready (its URL, …). */
  info: Info;
  call<Result>(operation: string, argument?: unknown): Promise<Result>;
  /** Asks the child to close its servers and exit; kills it if it has not within 5 s. */
  stop(): Promise<void>;
  /** The child's process id. */
  pid: number;
  /** `kill -9`: it closes nothing, hands nothing back. */
  kill(): Promise<void>;
}

// process.argv[1] is the benchmark's source file (run-ts sets it), so the bench folder and the
// repository root are found from there rather than from the bundled file's location.
const benchFolder = resolve(process.argv[1]!, '..');
const appFolder = resolve(benchFolder, '..');
const repositoryRoot = resolve(benchFolder, '../../..');

export type BenchRuntime = 'node' | 'deno' | 'bun';
export const BENCH_RUNTIMES: readonly BenchRuntime[] = ['node', 'deno', 'bun'];

/** How each runtime runs a child: Node through run-ts, Deno and Bun the source itself. */
function command(runtime: BenchRuntime, file: string, execArgv: string[]) {
  const source = join(benchFolder, file);
  if (runtime === 'node')
    return { modulePath: join(repositoryRoot, 'scripts/run-ts.mjs'), args: [source], execArgv, env: {} };
  const execPath = join(
    appFolder,
    'node_modules',
    ...(runtime === 'deno' ? ['deno', 'deno'] : ['bun', 'bin', 'bun.exe']),
  );
  // Deno reads the workspace's import map from apps/edge-proxy/deno.json, and gets `gc` from V8;
  // Bun takes the source condition as a flag and collects through Bun.gc.
  const runtimeArgs =
    runtime === 'deno'
      ? ['run', '--allow-all', `--v8-flags=${['--expose-gc', ...DENO_V8_FLAGS].join(',')}`]
      : ['--conditions=@vidgo-sdk/source'];
  return { modulePath: source, args: [], execArgv: runtimeArgs, execPath, env: { DENO_NO_UPDATE_CHECK: '1' } };
}

/** Forks `bench/<file>` on `runtime` with an IPC channel and waits for it to say it is ready. */
export async function startChild<Info>(
  file: string,
  env: Record<string, string>,
  { runtime = 'node', execArgv = [], cpu }: { runtime?: BenchRuntime; execArgv?: string[]; cpu?: number } = {},
): Promise<BenchChild<Info>> {
  const how = command(runtime, file, execArgv);
  // On one CPU (see pinnedCpus): taskset runs the runtime, which inherits the IPC channel.
  const runtimePath = how.execPath ?? process.execPath;
  const pinned =
    cpu === undefined ? {} : { execPath: TASKSET, execArgv: ['-c', String(cpu), runtimePath, ...how.execArgv] };
  const child: ChildProcess = fork(how.modulePath, how.args, {
    cwd: runtime === 'node' ? repositoryRoot : appFolder,
    env: { ...process.env, ...how.env, ...env },
    execArgv: how.execArgv,
    ...(how.execPath ? { execPath: how.execPath } : {}),
    ...pinned,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const exit = new Promise<void>((resolveExit) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject } of pending.values())
        reject(new Error(`${file} exited (${signal ?? code}) before answering`));
      pending.clear();
      resolveExit();
    }),
  );
  const info = await new Promise<Info>((resolveReady, rejectReady) => {
    const onExit = (code: number | null) => rejectReady(new Error(`${file} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.on('message', (message: Answer | Ready) => {
      if ('ready' in message) {
        child.off('exit', onExit);
        resolveReady(message.ready as Info);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if ('error' in message) waiter?.reject(new Error(`${file}: ${message.error}`));
      else waiter?.resolve(message.result);
    });
  });
  return {
    info,
    pid: child.pid!,
    call: <Result>(operation: string, argument?: unknown) =>
      new Promise<Result>((resolveCall, rejectCall) => {
        if (exited) return rejectCall(new Error(`${file} has exited`));
        const id = ++nextId;
        pending.set(id, { resolve: resolveCall as (value: unknown) => void, reject: rejectCall });
        child.send({ id, operation, argument } satisfies Call);
      }),
    async kill() {
      if (exited) return;
      child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (exited) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.send({ id: 0, operation: 'stop' } satisfies Call);
      await exit;
      clearTimeout(kill);
    },
  };
}

/**
 * The child's side: answers the parent's calls with `operations`, says it is ready, and exits on
 * `stop` (after `close`) or as soon as the parent goes away, so no process outlives the benchmark.
 */
export function answerParent(
  ready: Record<string, unknown>,
  // Each operation takes its own argument type: `never` accepts every such function.
  operations: Record<string, (argument: never) => unknown>,
  close: () => Promise<void>,
): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this file is a child of bench/proxy.ts: run that instead');
  process.on('message', async ({ id, operation, argument }: Call) => {
    if (operation === 'stop') {
      await close().catch(() => {});
      process.exit(0);
    }
    try {
      const handler = operations[operation];
      if (!handler) throw new Error(`no operation "${operation}"`);
      // The argument comes over IPC as sent by the parent, which calls each operation with its own type.
      send({ id, result: await handler(argument as never) } satisfies Answer);
    } catch (error) {
      send({ id, error: error instanceof Error ? error.message : String(error) } satisfies Answer);
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready } satisfies Ready);
}
