import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createVidgoSimulator, realClock } from '@vidgo-sdk/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCliFromSource, spawnCli } from '../support/build-cli.ts';
import { serveBytes, startFileServer } from '../support/file-server.ts';
import { hasUnsafeCharacters } from '../../src/cli/terminal-text.ts';

// The real program against a Vidgo that answers with terminal attacks in every field it prints:
// an OSC 52 clipboard write, a screen clear, cursor moves, C1 controls, a carriage return over
// earlier output, and a bidi override. None of it may reach the terminal as it was sent.
const ATTACK = '\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b[1A\r\b\x7f\u009b31m\u202egpj.exe\u2066';
const hostile = (label: string) => `${label}${ATTACK}`;

let submits = 0;
const storage = await startFileServer({ '/generated/clip.mp4': serveBytes(new TextEncoder().encode('bytes')) });
const sim = createVidgoSimulator({
  clock: realClock,
  apiKeys: ['k'],
  // A submit answers with an id full of escapes (each one new: the simulator keeps ids unique).
  submitScript: () => ({ id: hostile(`task-${++submits}-`), queuedMs: 0, durationMs: 0 }),
});
const server = await sim.listen();
const bundle = await buildCliFromSource();
const scratch = await mkdtemp(join(tmpdir(), 'vidgo-hostile-'));
afterAll(async () => {
  await Promise.all([
    server.close(),
    storage.close(),
    rm(scratch, { recursive: true, force: true }),
    rm(dirname(bundle), { recursive: true, force: true }),
  ]);
});

const { VIDGO_API_KEY: _key, VIDGO_BASE_URL: _url, ...cleanEnv } = process.env;
const vidgo = (args: string[]) =>
  spawnCli(bundle, args, { ...cleanEnv, VIDGO_API_KEY: 'k', VIDGO_BASE_URL: server.url });

/**
 * Output that went through the sanitiser: no raw control, C1 or bidi character besides line ends, and the attack
 * still visible as text.
 */
function expectSafe(output: string) {
  expect(hasUnsafeCharacters(output.replaceAll('\n', ''))).toBe(false);
}

const finishedTask = () =>
  sim.createTask({
    queuedMs: 0,
    durationMs: 0,
    files: [{ file_url: hostile('https://storage.vidgo.ai/generated/clip.mp4?sig='), file_type: hostile('video') }],
    extra: { created_time: hostile('2025-11-12T10:30:00') },
  });

// Each case starts the program (and some a second one): a loaded machine needs more than 5 s.
describe.concurrent('the vidgo program with a hostile Vidgo', { timeout: 30_000 }, () => {
  it('status shows every field, escaped', async () => {
    const id = finishedTask();
    const result = await vidgo(['status', id]);
    expect(result.code).toBe(0);
    expectSafe(result.stdout + result.stderr);
    expect(result.stdout).toContain(
      '\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u001b[2J\\u001b[1A \\u0008\\u007f\\u009b31m\\u202egpj.exe\\u2066',
    );
    expect(result.stdout).toMatch(/^created +2025-11-12T10:30:00\\u001b\]52/m);
  });

  it('status with a hostile status and error message', async () => {
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      outcome: 'failed',
      errorMessage: hostile('policy'),
      extra: { status: hostile('failed') },
    });
    const result = await vidgo(['status', id]);
    expectSafe(result.stdout + result.stderr);
    expect(result.stdout).toMatch(/^status +failed\\u001b/m);
    expect(result.stdout).toMatch(/^error +policy\\u001b/m);
  });

  it('status --json is the same JSON, escaped', async () => {
    const id = finishedTask();
    const result = await vidgo(['status', '--json', id]);
    expectSafe(result.stdout);
    expect(JSON.parse(result.stdout)).toEqual(sim.getTask(id));
  });

  it('wait prints the file URL escaped, and a failure reason escaped', async () => {
    const finished = await vidgo(['wait', finishedTask()]);
    expect(finished.code).toBe(0);
    expectSafe(finished.stdout + finished.stderr);
    expect(finished.stdout).toMatch(/^https:\/\/storage\.vidgo\.ai\/generated\/clip\.mp4\?sig=\\u001b\]52;c;/);
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      outcome: 'failed',
      errorMessage: hostile('The prompt\nviolates'),
    });
    const failed = await vidgo(['wait', id]);
    expect(failed.code).toBe(1);
    expectSafe(failed.stdout + failed.stderr);
    expect(failed.stderr).toContain(`vidgo: task ${id} failed: The prompt violates\\u001b]52;c;`);
  });

  it('submit prints a hostile task id escaped, on stdout and on stderr', async () => {
    const plain = await vidgo(['submit', '-m', 'gpt-image-2', '-p', 'a fox']);
    expect(plain.code).toBe(0);
    expectSafe(plain.stdout);
    expect(plain.stdout).toMatch(/^task-\d+-\\u001b\]52/);
    const waiting = await vidgo(['submit', '-m', 'gpt-image-2', '-p', 'a fox', '--wait']);
    expectSafe(waiting.stdout + waiting.stderr);
    expect(waiting.stderr).toMatch(/^submitted task-\d+-\\u001b\]52/);
  });

  it('a download error quoting a hostile URL is escaped too, and nothing is written', async () => {
    const dir = join(scratch, 'refused');
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      files: [{ file_url: `${ATTACK}not a url`, file_type: 'video' }],
    });
    const result = await vidgo(['wait', id, '-d', dir]);
    expect(result.code).toBe(5);
    expectSafe(result.stdout + result.stderr);
    expect(result.stderr).toMatch(
      /vidgo: downloadFiles\("[^"]+"\): file 1 \(\\u001b\]52;c;\S+ \\u0008\S+not a url\): not an http\(s\) URL\n$/,
    );
    // Every URL is checked before anything is written: not even the directory is made.
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('by default, refuses to download from http://127.0.0.1; the flags allow it', async () => {
    const dir = join(scratch, 'local');
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      files: [{ file_url: `${storage.url}/generated/clip.mp4`, file_type: 'video' }],
    });
    const refused = await vidgo(['wait', id, '-d', dir]);
    expect(refused).toMatchObject({ code: 5, stdout: '', stderr: expect.stringContaining('an http: URL, refused') });
    expect(storage.requests).toEqual([]);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    const allowed = await vidgo(['wait', id, '-d', dir, '--allow-insecure-http', '--allow-private-network']);
    expect(allowed).toMatchObject({ code: 0, stdout: `${join(dir, 'clip.mp4')}\n` });
  });
});
