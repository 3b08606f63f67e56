import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectOutput } from '../test-support/collect-output.ts';
import { Interrupted } from './interrupt.ts';
import { runCli } from './run-cli.ts';

const KEY = 'vk_cli_test_secret_1234';
let clock: VirtualClock;
let sim: ReturnType<typeof createVidgoSimulator<VirtualClock>>;
let dir: string;

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

function cli(argv: string[], options: { tty?: boolean; env?: Record<string, string>; signal?: AbortSignal } = {}) {
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

describe('vidgo status', () => {
  it('prints readable lines', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 20_000 });
    await clock.advance(9000);
    const { code, stdout, stderr } = await run(['status', id]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      new RegExp(`^task +${id}\nstatus +running\nprogress +\\d+%\ncreated +2025-11-12T10:30:00 \\(UTC\\)\n$`),
    );
  });

  it('prints the task as JSON with --json', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 0 });
    const { code, stdout } = await run(['status', '--json', id]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(sim.getTask(id));
  });
});

describe('vidgo wait', () => {
  it('redraws one bar in place on a terminal, then prints the file URLs', async () => {
    const id = sim.createTask({ queuedMs: 1000, durationMs: 20_000, files: 2 });
    const { code, stdout, stderr } = await run(['wait', id, '--model', 'gpt-image-2'], { tty: true });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([...sim.getTask(id)!.files.map((file) => file.file_url), '']);
    const frames = stderr.split('\r\x1b[K').filter(Boolean);
    expect(frames.length).toBeGreaterThan(3);
    expect(frames[0]).toMatch(/^not_started +\[-+\] +0% +0:00 +task-unified-/);
    expect(frames.at(-1)).toMatch(new RegExp(`^finished +\\[#+\\] 100% +0:\\d\\d  ${id}\n$`));
    // Only the last frame ends the line: everything else was drawn over.
    expect(stderr.indexOf('\n')).toBe(stderr.length - 1);
  });

  it('writes one line per change when stderr is not a terminal', async () => {
    const id = sim.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const { code, stderr } = await run(['wait', id]);
    expect(code).toBe(0);
    expect(stderr).not.toContain('\r');
    expect(stderr.split('\n')).toEqual([
      '[0:00] not_started 0%',
      expect.stringMatching(/^\[0:\d\d\] running 0%$/),
      expect.stringMatching(/^\[0:\d\d\] running 45%$/),
      expect.stringMatching(/^\[0:\d\d\] finished 100%$/),
      '',
    ]);
  });

  it('exits 1 when the task failed, with its reason on one line', async () => {
    const id = sim.createTask({ outcome: 'failed', queuedMs: 0, durationMs: 5000 });
    const { code, stdout, stderr } = await run(['wait', id, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ task_id: id, status: 'failed' });
    expect(stderr.split('\n').at(-2)).toBe(`vidgo: task ${id} failed: The prompt violates our content policy`);
  });

  it('exits 2 at the --timeout deadline, saying the task may still finish', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 3_600_000 });
    const start = clock.now();
    const { code, stderr } = await run(['wait', id, '--timeout', '2m']);
    expect(code).toBe(2);
    expect(clock.now() - start).toBeLessThanOrEqual(120_000);
    expect(stderr.split('\n').at(-2)).toMatch(
      new RegExp(
        `^vidgo: timed out after 1:5\\d: it was running at \\d+% and may still finish \\(vidgo wait ${id}\\)$`,
      ),
    );
  });

  it('downloads the files with --download and prints their paths', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 1000, files: 2 });
    const { code, stdout } = await run(['wait', id, '--download', dir]);
    expect(code).toBe(0);
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(2);
    expect(stdout).toBe(names.map((name) => `${join(dir, name)}\n`).join(''));
  });

  it('on Ctrl-C, stops polling, says how to resume and exits 130', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 600_000 });
    const controller = new AbortController();
    const { stderr, exit } = cli(['wait', id], { signal: controller.signal });
    await clock.advance(30_000);
    const polls = sim.requests.length;
    controller.abort(new Interrupted('SIGINT'));
    expect(await exit).toBe(130);
    expect(stderr.text.split('\n').at(-2)).toBe(`vidgo: interrupted; the task goes on (vidgo wait ${id})`);
    await clock.advance(600_000);
    expect(sim.requests.length).toBe(polls);
    expect(clock.pendingTimers).toBe(0);
  });

  it('on Ctrl-C during a download, removes the partial file', async () => {
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      files: [{ file_url: 'https://storage.vidgo.ai/stall.mp4', file_type: 'video' }],
    });
    const controller = new AbortController();
    const { exit } = cli(['wait', id, '--download', dir], { signal: controller.signal, tty: true });
    // Real file I/O is involved: wait (for real, briefly) until the partial file exists.
    while (!(await readdir(dir).catch(() => [])).some((name) => name.endsWith('.part')))
      await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Interrupted('SIGTERM'));
    expect(await exit).toBe(143);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('vidgo submit', () => {
  it('prints the new task id', async () => {
    const { code, stdout } = await run(['submit', '--model', 'gpt-image-2', '--prompt', 'a fox']);
    expect(code).toBe(0);
    expect(sim.getTask(stdout.trim())).toBeDefined();
  });

  it('with --download, submits, waits, saves and prints the paths', async () => {
    const { code, stdout, stderr } = await run(['submit', '-m', 'sora-2', '-p', 'waves', '--download', dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^submitted task-unified-\S+\n/);
    const [name] = await readdir(dir);
    expect(name).toMatch(/^video-\w+-1\.mp4$/);
    expect(stdout).toBe(`${join(dir, name!)}\n`);
  });
});

describe('errors: one line on stderr, a documented exit code, never the key', () => {
  it('exits 3 on bad usage', async () => {
    expect(await run(['wait'])).toEqual({
      code: 3,
      stdout: '',
      stderr: 'vidgo: wait needs a task id (see: vidgo wait --help)\n',
    });
    expect(await run(['status', '..'])).toMatchObject({ code: 3, stderr: expect.stringMatching(/^vidgo: [^\n]+\n$/) });
    expect(await run(['wait', 'x', '--base-url', 'ftp://x'])).toMatchObject({ code: 3 });
    expect(await run([])).toMatchObject({ code: 3, stdout: '', stderr: expect.stringContaining('Usage:') });
  });

  it('exits 4 on an unknown task', async () => {
    expect(await run(['status', 'task-unified-0-nope'])).toEqual({
      code: 4,
      stdout: '',
      stderr: 'vidgo: no task "task-unified-0-nope" (404)\n',
    });
  });

  it('exits 4 on a refused key, without printing it', async () => {
    const wrong = 'vk_wrong_and_secret_5678';
    const result = await run(['wait', 'task-1'], { env: { VIDGO_API_KEY: wrong } });
    expect(result).toEqual({
      code: 4,
      stdout: '',
      stderr: 'vidgo: the API key was refused (401): check VIDGO_API_KEY\n',
    });
  });

  it('exits 4 without a key, saying to set VIDGO_API_KEY', async () => {
    expect(await run(['status', 'x'], { env: { VIDGO_API_KEY: '' } })).toEqual({
      code: 4,
      stdout: '',
      stderr: 'vidgo: no API key: set VIDGO_API_KEY (export VIDGO_API_KEY=...)\n',
    });
  });

  it('exits 5 when the server keeps failing, after the retries', async () => {
    sim.inject({ type: 'status', status: 502, body: 'html', times: Infinity });
    const result = await run(['status', 'task-1']);
    expect(result).toMatchObject({
      code: 5,
      stderr: expect.stringMatching(/^vidgo: getTask\("task-1"\): 502 [^\n]*\n$/),
    });
    expect(sim.requests.length).toBe(5);
  });

  it('exits 5 when a download fails, saying why', async () => {
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      files: [{ file_url: 'ftp://storage.vidgo.ai/x.mp4', file_type: 'video' }],
    });
    const result = await run(['wait', id, '-d', dir]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('not an http(s) URL');
  });
});

describe('help and version', () => {
  it('documents every exit code in --help', async () => {
    const { code, stdout } = await run(['--help'], { env: {} });
    expect(code).toBe(0);
    for (const exitCode of ['0 ', '1 ', '2 ', '3 ', '4 ', '5 ', '130 ']) expect(stdout).toContain(`\n  ${exitCode}`);
  });

  it('has help for each command, needing no key', async () => {
    for (const command of ['status', 'wait', 'submit']) {
      const { code, stdout } = await run([command, '--help'], { env: {} });
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: vidgo ${command} `));
    }
  });

  it('prints the version', async () => {
    const { version } = await import('../../package.json', { with: { type: 'json' } }).then((module) => module.default);
    expect(await run(['--version'], { env: {} })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
