import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createVidgoSimulator, realClock } from '@vidgo-sdk/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCliFromSource, spawnCli } from '../support/build-cli.ts';
import { serveBytes, startFileServer } from '../support/file-server.ts';

// The real program in a child process, over real HTTP: what the unit tests cannot show (exit
// codes of the process, signals, stdio). Each test waits for real, so they run side by side.
const video = new TextEncoder().encode('a small video');
const storage = await startFileServer({ '/generated/video-e2e.mp4': serveBytes(video) });
const sim = createVidgoSimulator({
  clock: realClock,
  apiKeys: ['k'],
  submitScript: () => ({
    queuedMs: 0,
    durationMs: 300,
    files: [{ file_url: `${storage.url}/generated/video-e2e.mp4?signature=s3cret`, file_type: 'video' }],
  }),
});
const server = await sim.listen();
const bundle = await buildCliFromSource();
const scratch = await mkdtemp(join(tmpdir(), 'vidgo-e2e-'));
afterAll(async () => {
  await Promise.all([
    server.close(),
    storage.close(),
    rm(scratch, { recursive: true, force: true }),
    rm(dirname(bundle), { recursive: true, force: true }),
  ]);
});

const { VIDGO_API_KEY: _key, VIDGO_BASE_URL: _url, ...cleanEnv } = process.env;
const env = { ...cleanEnv, VIDGO_API_KEY: 'k', VIDGO_BASE_URL: server.url };
const vidgo = (args: string[], extraEnv: Record<string, string> = {}) =>
  spawnCli(bundle, args, { ...env, ...extraEnv });

// Each case starts the program (and some a second one): a loaded machine needs more than 5 s.
describe.concurrent('the vidgo program', { timeout: 30_000 }, () => {
  it('status prints readable lines', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 60_000 });
    const result = await vidgo(['status', id]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^task +${id}\nstatus +running\n`));
  });

  it('status --json prints the task as sent', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 0 });
    const result = await vidgo(['status', '--json', id]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(sim.getTask(id));
  });

  it('wait follows a task to the end and exits 0', async () => {
    // Running when the first poll lands (unless the machine is slow to start node), finished 2 s later.
    const id = sim.createTask({ queuedMs: 0, durationMs: 1500 });
    const result = await vidgo(['wait', id, '--expect', '1s']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${sim.getTask(id)!.files[0]!.file_url}\n`);
    expect(result.stderr).toMatch(/^(\[0:0\d\] running \d+%\n)*\[0:0\d\] finished 100%\n$/);
  });

  it('wait exits 1 on a failed task', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 0, outcome: 'failed' });
    const result = await vidgo(['wait', id]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`vidgo: task ${id} failed: The prompt violates our content policy\n`);
  });

  it('wait exits 2 when --timeout passes first', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 3_600_000 });
    const result = await vidgo(['wait', id, '--timeout', '1s']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/vidgo: timed out after 0:0\d: it was running at \d+% and may still finish/);
  });

  it('exits 4 on an unknown task', async () => {
    expect(await vidgo(['wait', 'task-unified-0-nope'])).toMatchObject({
      code: 4,
      stdout: '',
      stderr: 'vidgo: no task "task-unified-0-nope" (404)\n',
    });
  });

  it('exits 3 on bad usage, with one line', async () => {
    expect(await vidgo(['wait', 'x', '--timeout', 'soon'])).toMatchObject({
      code: 3,
      stdout: '',
      stderr: expect.stringMatching(/^vidgo: --timeout: "soon" is not a duration[^\n]*\n$/),
    });
  });

  it('exits 4 on a refused key, and never prints it', async () => {
    const result = await vidgo(['status', 'x'], { VIDGO_API_KEY: 'vk_refused_secret_42' });
    expect(result).toMatchObject({ code: 4, stderr: 'vidgo: the API key was refused (401): check VIDGO_API_KEY\n' });
    expect(result.stdout + result.stderr).not.toContain('vk_refused_secret_42');
  });

  it('exits 4 without a key', async () => {
    const { VIDGO_BASE_URL: _base, ...noKey } = env;
    const result = await spawnCli(bundle, ['status', 'x'], { ...noKey, VIDGO_API_KEY: '' });
    expect(result).toMatchObject({ code: 4, stderr: expect.stringContaining('set VIDGO_API_KEY') });
  });

  it('submit --wait --download writes the file and leaves no temporary file', async () => {
    const dir = join(scratch, 'downloads');
    // The storage stand-in is http://127.0.0.1: refused unless allowed.
    const local = ['--allow-insecure-http', '--allow-private-network'];
    const result = await vidgo([
      'submit',
      '--model',
      'gpt-image-2',
      '--prompt',
      'a fox',
      '--wait',
      '--download',
      dir,
      '--expect',
      '300ms',
      ...local,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^submitted task-unified-\S+\n/);
    expect(await readdir(dir)).toEqual(['video-e2e.mp4']);
    expect(result.stdout).toBe(`${join(dir, 'video-e2e.mp4')}\n`);
    expect((await readFile(join(dir, 'video-e2e.mp4'))).equals(video)).toBe(true);
    expect(result.stderr).not.toContain('s3cret');
  });

  it('Ctrl-C stops a wait and exits 130', async () => {
    const id = sim.createTask({ queuedMs: 0, durationMs: 3_600_000 });
    let sent = false;
    const result = await spawnCli(bundle, ['wait', id], env, (text, child) => {
      if (!sent && text.includes('running')) sent = child.kill('SIGINT');
    });
    expect(result).toMatchObject({ code: 130, stdout: '' });
    expect(result.stderr).toContain(`vidgo: interrupted; the task goes on (vidgo wait ${id})\n`);
  });
});
