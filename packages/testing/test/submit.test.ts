import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import type { SimulatorOptions, VidgoSimulator } from '../src/simulator-types.ts';

const AUTH = { authorization: 'Bearer test-key', 'content-type': 'application/json' };

function submit(sim: VidgoSimulator, body: unknown, headers: Record<string, string> = AUTH): Promise<Response> {
  return sim.fetch(`${sim.baseUrl}/api/generate/submit`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function submitted(
  options: SimulatorOptions,
  body: unknown,
): Promise<{ sim: VidgoSimulator; taskId: string; data: Record<string, unknown> }> {
  const sim = createVidgoSimulator(options);
  const response = await submit(sim, body);
  expect(response.status).toBe(200);
  const json = (await response.json()) as { code: number; data: Record<string, unknown> };
  expect(json.code).toBe(200);
  return { sim, taskId: String(json.data.task_id), data: json.data };
}

describe('submit', () => {
  it('creates a not_started task and answers like the docs', async () => {
    const { sim, taskId, data } = await submitted({}, { model: 'gpt-image-2', input: { prompt: 'a cat' } });
    expect(data).toEqual({ task_id: taskId, status: 'not_started', created_time: '2025-11-12T10:30:00' });
    expect(Object.keys(data)).toEqual(['task_id', 'status', 'created_time']);
    expect(taskId).toMatch(/^task-unified-1762943400-[a-z0-9]{8}$/);
    expect(sim.getTask(taskId)?.status).toBe('not_started');
    expect(sim.requests[0]).toMatchObject({ method: 'POST', route: 'submit', auth: 'ok', status: 200 });
  });

  it('classifies models into image and video tasks', async () => {
    const cases: [string, string][] = [
      ['gpt-image-2', 'image'],
      ['gpt-4o-image', 'image'],
      ['nano-banana', 'image'],
      ['seedream-4.5', 'image'],
      ['sora-2', 'video'],
      ['sora-2-pro', 'video'],
      ['veo3.1-fast', 'video'],
      ['kling-2.6', 'video'],
      ['veo3.1/text-to-video', 'video'],
      ['Hailuo-02', 'video'],
    ];
    for (const [model, kind] of cases) {
      const { sim, taskId } = await submitted({}, { model, input: { prompt: 'p' } });
      await sim.advance(301_000 + 3000);
      expect(sim.getTask(taskId)?.files[0]?.file_type, model).toBe(kind);
    }
  });

  it('lets submitScript decide what a submitted task does', async () => {
    const seen: unknown[] = [];
    const { sim, taskId } = await submitted(
      {
        submitScript: (body) => {
          seen.push(body);
          return { outcome: 'failed', errorMessage: 'nope', queuedMs: 0, durationMs: 1000, model: 'ignored' };
        },
      },
      { model: 'sora-2', input: { prompt: 'p', n: 2 } },
    );
    expect(seen).toEqual([{ model: 'sora-2', input: { prompt: 'p', n: 2 } }]);
    await sim.advance(1000);
    expect(sim.getTask(taskId)).toMatchObject({ status: 'failed', error_message: 'nope' });
  });

  it('422 with FastAPI details for missing or wrong fields', async () => {
    const sim = createVidgoSimulator();
    const missing = await submit(sim, {});
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'model'], msg: 'Field required' },
        { type: 'missing', loc: ['body', 'input'], msg: 'Field required' },
      ],
    });
    const noPrompt = await submit(sim, { model: 'gpt-image-2', input: {} });
    expect(await noPrompt.json()).toEqual({
      detail: [{ type: 'missing', loc: ['body', 'input', 'prompt'], msg: 'Field required' }],
    });
    const wrongTypes = await submit(sim, { model: 3, input: { prompt: 'p' }, callback_url: 5 });
    expect(((await wrongTypes.json()) as { detail: { type: string }[] }).detail.map((issue) => issue.type)).toEqual([
      'string_type',
      'string_type',
    ]);
    const invalid = await submit(sim, '{"model":');
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }],
    });
    expect((await submit(sim, '[]')).status).toBe(422);
  });

  it("400 invalid_request_error in the 'error' shape", async () => {
    const sim = createVidgoSimulator({ errorShape: 'error' });
    const response = await submit(sim, { input: { prompt: 'p' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 400,
      error: { message: 'body.model: Field required', type: 'invalid_request_error' },
    });
  });

  it('checks the key before the body', async () => {
    const sim = createVidgoSimulator();
    expect((await submit(sim, 'garbage', {})).status).toBe(401);
    expect((await submit(sim, { model: 'x', input: { prompt: 'p' } }, { authorization: 'Bearer other' })).status).toBe(
      401,
    );
  });

  it('spends credits when they are set, per key', async () => {
    const sim = createVidgoSimulator({ apiKeys: ['test-key', 'rich-key'] });
    sim.setCredits('test-key', 1);
    const body = { model: 'gpt-image-2', input: { prompt: 'p' } };
    expect((await submit(sim, body)).status).toBe(200);
    const broke = await submit(sim, body);
    expect(broke.status).toBe(400);
    expect(await broke.json()).toEqual({ detail: 'Insufficient credits' });
    expect((await submit(sim, body, { authorization: 'Bearer rich-key' })).status).toBe(200);
    sim.setCredits('test-key', undefined);
    expect((await submit(sim, body)).status).toBe(200);
    expect(() => sim.setCredits('who', 1)).toThrow(/not one of/);
  });

  it("402 insufficient_credits_error in the 'error' shape", async () => {
    const sim = createVidgoSimulator({ errorShape: 'error' });
    sim.setCredits('test-key', 0);
    const response = await submit(sim, { model: 'gpt-image-2', input: { prompt: 'p' } });
    expect(response.status).toBe(402);
    expect(await response.json()).toEqual({
      code: 402,
      error: { message: 'Insufficient credits', type: 'insufficient_credits_error' },
    });
  });

  it('a truncated submit answer still created the task (why submits are never retried)', async () => {
    const sim = createVidgoSimulator();
    sim.inject({ type: 'truncated', route: 'submit' });
    const response = await submit(sim, { model: 'gpt-image-2', input: { prompt: 'p' } });
    await expect(response.json()).rejects.toThrow(SyntaxError);
    // Same seed and clock: a fresh simulator names its first task as this one named the lost one.
    const lostId = createVidgoSimulator().createTask();
    expect(sim.getTask(lostId)?.status).toBe('not_started');
  });
});
