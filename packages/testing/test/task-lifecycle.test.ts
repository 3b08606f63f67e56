import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';

describe('task lifecycle', () => {
  it('goes not_started → running with rising progress → finished with files', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ queuedMs: 1000, durationMs: 20_000 });
    expect(sim.getTask(id)).toMatchObject({ status: 'not_started', progress: 0, files: [], error_message: null });
    await sim.advance(1000);
    expect(sim.getTask(id)).toMatchObject({ status: 'running', progress: 0, files: [] });

    const progress: number[] = [];
    for (let i = 0; i < 19; i++) {
      await sim.advance(1000);
      const task = sim.getTask(id);
      expect(task?.status).toBe('running');
      progress.push(task?.progress ?? -1);
    }
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[0]).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBeLessThanOrEqual(99);
    expect(progress.at(-1)).toBeGreaterThan(80);

    await sim.advance(1000);
    const finished = sim.getTask(id);
    expect(finished).toMatchObject({ status: 'finished', progress: 100, error_message: null });
    expect(finished?.files).toEqual([
      {
        file_url: expect.stringMatching(/^https:\/\/storage\.vidgo\.ai\/generated\/image-[a-z0-9]+-1\.jpg$/),
        file_type: 'image',
      },
    ]);
  });

  it('fails with the error message, no files, and progress 0 as in the docs', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ queuedMs: 0, durationMs: 10_000, outcome: 'failed' });
    await sim.advance(9000);
    expect(sim.getTask(id)?.progress).toBeGreaterThan(0);
    await sim.advance(1000);
    expect(sim.getTask(id)).toMatchObject({
      status: 'failed',
      files: [],
      progress: 0,
      error_message: 'The prompt violates our content policy',
    });
    const custom = sim.createTask({ queuedMs: 0, durationMs: 0, outcome: 'failed', errorMessage: 'NSFW' });
    expect(sim.getTask(custom)?.error_message).toBe('NSFW');
  });

  it('stepwise progress jumps 0 → 45 → 100', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ queuedMs: 0, durationMs: 10_000, progress: 'stepwise' });
    const seen: number[] = [];
    for (let i = 0; i <= 10; i++) {
      seen.push(sim.getTask(id)?.progress ?? -1);
      await sim.advance(1000);
    }
    expect(seen).toEqual([0, 0, 0, 0, 45, 45, 45, 45, 45, 45, 100]);
  });

  it("'none' progress stays 0 until done", async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ queuedMs: 0, durationMs: 10_000, progress: 'none' });
    await sim.advance(9999);
    expect(sim.getTask(id)).toMatchObject({ status: 'running', progress: 0 });
    await sim.advance(1);
    expect(sim.getTask(id)).toMatchObject({ status: 'finished', progress: 100 });
  });

  it('has n files, numbered, of the given type', () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ id: 'task-unified-1757165031-uyujaw3d', queuedMs: 0, durationMs: 0, files: 3 });
    expect(sim.getTask(id)?.files.map((file) => file.file_url)).toEqual([
      'https://storage.vidgo.ai/generated/image-uyujaw3d-1.jpg',
      'https://storage.vidgo.ai/generated/image-uyujaw3d-2.jpg',
      'https://storage.vidgo.ai/generated/image-uyujaw3d-3.jpg',
    ]);
    const audio = sim.createTask({ queuedMs: 0, durationMs: 0, fileType: 'audio' });
    expect(sim.getTask(audio)?.files[0]).toMatchObject({
      file_type: 'audio',
      file_url: expect.stringMatching(/\/audio-.+-1\.mp3$/),
    });
    const none = sim.createTask({ queuedMs: 0, durationMs: 0, files: 0 });
    expect(sim.getTask(none)).toMatchObject({ status: 'finished', files: [] });
  });

  it('can show exact files', () => {
    const sim = createVidgoSimulator();
    const files = [{ file_url: 'https://storage.vidgo.ai/generated/image-abc123.jpg', file_type: 'image' }];
    const id = sim.createTask({ queuedMs: 0, durationMs: 0, files });
    expect(sim.getTask(id)?.files).toEqual(files);
  });

  it('defaults durations by model kind', () => {
    // A hand-moved clock: the task state is a function of now(), so it can be probed at any instant.
    let now = 0;
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const sim = createVidgoSimulator({ clock });
    const runningFor = (model: string): number => {
      now = 0;
      const id = sim.createTask({ model, queuedMs: 0 });
      let low = 0;
      let high = 400_000;
      while (high - low > 1) {
        now = Math.floor((low + high) / 2);
        if (sim.getTask(id)?.status === 'running') low = now;
        else high = now;
      }
      return high;
    };
    for (const model of ['gpt-image-2', 'nano-banana', 'seedream-4.5', 'gpt-4o-image']) {
      expect(runningFor(model)).toBeGreaterThanOrEqual(15_000);
      expect(runningFor(model)).toBeLessThanOrEqual(60_000);
    }
    for (const model of ['sora-2', 'veo3.1/text-to-video', 'kling-2.6', 'wan-2.5', 'hailuo-02', 'runway-gen4']) {
      expect(runningFor(model)).toBeGreaterThanOrEqual(90_000);
      expect(runningFor(model)).toBeLessThanOrEqual(300_000);
    }
  });

  it('queues for 0.5–3 s by default, and video tasks make video files', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ model: 'sora-2', durationMs: 10_000 });
    expect(sim.getTask(id)?.status).toBe('not_started');
    await sim.advance(499);
    expect(sim.getTask(id)?.status).toBe('not_started');
    await sim.advance(2501);
    expect(sim.getTask(id)?.status).toBe('running');
    await sim.advance(10_000);
    expect(sim.getTask(id)?.files[0]).toMatchObject({
      file_type: 'video',
      file_url: expect.stringMatching(/\/video-.+-1\.mp4$/),
    });
  });

  it('generates ids like the API from the clock and the seed, reproducibly', () => {
    const first = createVidgoSimulator({ seed: 7 });
    const second = createVidgoSimulator({ seed: 7 });
    const other = createVidgoSimulator({ seed: 8 });
    const ids = [first.createTask(), first.createTask()];
    expect(ids[0]).toMatch(/^task-unified-1762943400-[a-z0-9]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect([second.createTask(), second.createTask()]).toEqual(ids);
    expect(other.createTask()).not.toBe(ids[0]);
    expect(first.getTask(ids[0] ?? '')).toEqual(second.getTask(ids[0] ?? ''));
  });

  it('refuses a duplicate id and an unknown owner without naming the key', () => {
    const sim = createVidgoSimulator();
    sim.createTask({ id: 'same' });
    expect(() => sim.createTask({ id: 'same' })).toThrow(/already exists/);
    expect(() => sim.createTask({ apiKey: 'sk-secret-123' })).toThrow(/not one of the simulator's apiKeys/);
    try {
      sim.createTask({ apiKey: 'sk-secret-123' });
    } catch (error) {
      expect(String(error)).not.toContain('sk-secret-123');
    }
  });

  it('reset clears tasks and reseeds', () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask();
    sim.reset();
    expect(sim.getTask(id)).toBeUndefined();
    expect(sim.createTask()).toBe(id);
  });
});
