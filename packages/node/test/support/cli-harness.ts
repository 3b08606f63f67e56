import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { collectOutput } from './collect-output.ts';

export const KEY = 'vk_cli_test_secret_1234';

/**
 * `runCli` in process, on a virtual clock, over a simulated Vidgo, with storage URLs answered
 * here: a fresh simulator, clock and scratch directory for each test (set up by its hooks).
 */
export interface CliOptions {
  tty?: boolean;
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export function useCliHarness() {
  let clock!: VirtualClock;
  let sim!: ReturnType<typeof createVidgoSimulator<VirtualClock>>;
  let dir!: string;
  beforeEach(async () => {
    clock = new VirtualClock();
    sim = createVidgoSimulator({ clock, apiKeys: [KEY] });
    dir = await mkdtemp(join(tmpdir(), 'vidgo-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** The API goes to the simulator; storage URLs get a few bytes, or stall until aborted. */
  const routedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (!url.startsWith('https://storage.vidgo.ai/')) return sim.fetch(input, init);
    if (url.includes('stall')) {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new Uint8Array(1000));
          init?.signal?.addEventListener('abort', () => stream.error(init.signal!.reason));
        },
      });
      return new Response(body, { headers: { 'content-length': '100000' } });
    }
    return new Response(`bytes of ${url}`);
  }) as typeof fetch;

  function cli(argv: string[], options: CliOptions = {}) {
    const stdout = collectOutput();
    const stderr = collectOutput({ isTTY: options.tty ?? false, columns: 100 });
    // storage.vidgo.ai "resolves" to a public address: no DNS in unit tests.
    const resolveHost = async () => ['93.184.215.14'];
    const exit = runCli({
      argv,
      env: options.env ?? { VIDGO_API_KEY: KEY },
      stdout,
      stderr,
      fetch: routedFetch,
      clock,
      signal: options.signal,
      resolveHost,
    });
    return { stdout, stderr, exit };
  }

  async function run(argv: string[], options: Parameters<typeof cli>[1] = {}) {
    const { stdout, stderr, exit } = cli(argv, options);
    const code = await clock.run(exit);
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  return {
    cli,
    run,
    get clock() {
      return clock;
    },
    get sim() {
      return sim;
    },
    get dir() {
      return dir;
    },
  };
}
