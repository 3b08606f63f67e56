import { describe, expect, it } from 'vitest';
import { useCliHarness } from '../support/cli-harness.ts';

const harness = useCliHarness();
const { run } = harness;

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
    harness.sim.inject({ type: 'status', status: 502, body: 'html', times: Infinity });
    const result = await run(['status', 'task-1']);
    expect(result).toMatchObject({
      code: 5,
      stderr: expect.stringMatching(/^vidgo: getTask\("task-1"\): 502 [^\n]*\n$/),
    });
    expect(harness.sim.requests.length).toBe(5);
  });

  it('exits 5 when a download fails, saying why', async () => {
    const id = harness.sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      files: [{ file_url: 'ftp://storage.vidgo.ai/x.mp4', file_type: 'video' }],
    });
    const result = await run(['wait', id, '-d', harness.dir]);
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
