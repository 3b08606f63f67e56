import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliHarness } from '../support/cli-harness.ts';
import { Interrupted } from '../../src/cli/interrupt.ts';

const harness = useCliHarness();
const { cli, run } = harness;

describe('vidgo status', () => {
  it('prints readable lines', async () => {
    const id = harness.sim.createTask({ queuedMs: 0, durationMs: 20_000 });
    await harness.clock.advance(9000);
    const { code, stdout, stderr } = await run(['status', id]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      new RegExp(`^task +${id}\nstatus +running\nprogress +\\d+%\ncreated +2025-11-12T10:30:00 \\(UTC\\)\n$`),
    );
  });

  it('prints the task as JSON with --json', async () => {
    const id = harness.sim.createTask({ queuedMs: 0, durationMs: 0 });
    const { code, stdout } = await run(['status', '--json', id]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(harness.sim.getTask(id));
  });
});

describe('vidgo wait', () => {
  it('redraws one bar in place on a terminal, then prints the file URLs', async () => {
    const id = harness.sim.createTask({ queuedMs: 1000, durationMs: 20_000, files: 2 });
    const { code, stdout, stderr } = await run(['wait', id, '--model', 'gpt-image-2'], { tty: true });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([...harness.sim.getTask(id)!.files.map((file) => file.file_url), '']);
    const frames = stderr.split('\r\x1b[K').filter(Boolean);
    expect(frames.length).toBeGreaterThan(3);
    expect(frames[0]).toMatch(/^not_started +\[-+\] +0% +0:00 +task-unified-/);
    expect(frames.at(-1)).toMatch(new RegExp(`^finished +\\[#+\\] 100% +0:\\d\\d  ${id}\n$`));
    // Only the last frame ends the line: everything else was drawn over.
    expect(stderr.indexOf('\n')).toBe(stderr.length - 1);
  });

  it('writes one line per change when stderr is not a terminal', async () => {
    const id = harness.sim.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
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
    const id = harness.sim.createTask({ outcome: 'failed', queuedMs: 0, durationMs: 5000 });
    const { code, stdout, stderr } = await run(['wait', id, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ task_id: id, status: 'failed' });
    expect(stderr.split('\n').at(-2)).toBe(`vidgo: task ${id} failed: The prompt violates our content policy`);
  });

  it('exits 2 at the --timeout deadline, saying the task may still finish', async () => {
    const id = harness.sim.createTask({ queuedMs: 0, durationMs: 3_600_000 });
    const start = harness.clock.now();
    const { code, stderr } = await run(['wait', id, '--timeout', '2m']);
    expect(code).toBe(2);
    expect(harness.clock.now() - start).toBeLessThanOrEqual(120_000);
    expect(stderr.split('\n').at(-2)).toMatch(
      new RegExp(
        `^vidgo: timed out after 1:5\\d: it was running at \\d+% and may still finish \\(vidgo wait ${id}\\)$`,
      ),
    );
  });

  it('downloads the files with --download and prints their paths', async () => {
    const id = harness.sim.createTask({ queuedMs: 0, durationMs: 1000, files: 2 });
    const { code, stdout } = await run(['wait', id, '--download', harness.dir]);
    expect(code).toBe(0);
    const names = (await readdir(harness.dir)).sort();
    expect(names).toHaveLength(2);
    expect(stdout).toBe(names.map((name) => `${join(harness.dir, name)}\n`).join(''));
  });

  it('on Ctrl-C, stops polling, says how to resume and exits 130', async () => {
    const id = harness.sim.createTask({ queuedMs: 0, durationMs: 600_000 });
    const controller = new AbortController();
    const { stderr, exit } = cli(['wait', id], { signal: controller.signal });
    await harness.clock.advance(30_000);
    const polls = harness.sim.requests.length;
    controller.abort(new Interrupted('SIGINT'));
    expect(await exit).toBe(130);
    expect(stderr.text.split('\n').at(-2)).toBe(`vidgo: interrupted; the task goes on (vidgo wait ${id})`);
    await harness.clock.advance(600_000);
    expect(harness.sim.requests.length).toBe(polls);
    expect(harness.clock.pendingTimers).toBe(0);
  });

  it('on Ctrl-C during a download, removes the partial file', async () => {
    const id = harness.sim.createTask({
      queuedMs: 0,
      durationMs: 0,
      files: [{ file_url: 'https://storage.vidgo.ai/stall.mp4', file_type: 'video' }],
    });
    const controller = new AbortController();
    const { exit } = cli(['wait', id, '--download', harness.dir], { signal: controller.signal, tty: true });
    // Real file I/O is involved: wait (for real, briefly) until the partial file exists.
    while (!(await readdir(harness.dir).catch(() => [])).some((name) => name.endsWith('.part')))
      await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Interrupted('SIGTERM'));
    expect(await exit).toBe(143);
    expect(await readdir(harness.dir)).toEqual([]);
  });
});

describe('vidgo submit', () => {
  it('prints the new task id', async () => {
    const { code, stdout } = await run(['submit', '--model', 'gpt-image-2', '--prompt', 'a fox']);
    expect(code).toBe(0);
    expect(harness.sim.getTask(stdout.trim())).toBeDefined();
  });

  it('with --download, submits, waits, saves and prints the paths', async () => {
    const { code, stdout, stderr } = await run(['submit', '-m', 'sora-2', '-p', 'waves', '--download', harness.dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^submitted task-unified-\S+\n/);
    const [name] = await readdir(harness.dir);
    expect(name).toMatch(/^video-\w+-1\.mp4$/);
    expect(stdout).toBe(`${join(harness.dir, name!)}\n`);
  });
});
