import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import type { VidgoSimulator } from '../src/simulator-types.ts';

const AUTH = { authorization: 'Bearer test-key' };

function status(sim: VidgoSimulator, id: string, headers: Record<string, string> = AUTH): Promise<Response> {
  return sim.fetch(`${sim.baseUrl}/api/generate/status/${encodeURIComponent(id)}`, { headers });
}

describe('status body, exactly as documented', () => {
  it('reproduces the five documented examples byte for byte', async () => {
    const sim = createVidgoSimulator();
    const id = 'task-unified-1757165031-uyujaw3d';
    sim.createTask({
      id,
      queuedMs: 1000,
      durationMs: 10_000,
      progress: 'stepwise',
      files: [{ file_url: 'https://storage.vidgo.ai/generated/image-abc123.jpg', file_type: 'image' }],
    });
    sim.createTask({ id: 'failing', queuedMs: 1000, durationMs: 10_000, outcome: 'failed' });
    sim.createTask({
      id: 'task-unified-1757165211-xyz789',
      model: 'sora-2',
      queuedMs: 1000,
      durationMs: 10_000,
      files: [{ file_url: 'https://storage.vidgo.ai/generated/video-xyz789.mp4', file_type: 'video' }],
    });

    expect(await (await status(sim, id)).text()).toBe(
      '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"not_started","files":[],' +
        '"created_time":"2025-11-12T10:30:00","progress":0,"error_message":null}}',
    );
    await sim.advance(6000);
    expect(await (await status(sim, id)).text()).toBe(
      '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"running","files":[],' +
        '"created_time":"2025-11-12T10:30:00","progress":45,"error_message":null}}',
    );
    await sim.advance(5000);
    expect(await (await status(sim, id)).text()).toBe(
      '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"finished",' +
        '"files":[{"file_url":"https://storage.vidgo.ai/generated/image-abc123.jpg","file_type":"image"}],' +
        '"created_time":"2025-11-12T10:30:00","progress":100,"error_message":null}}',
    );
    expect(await (await status(sim, 'task-unified-1757165211-xyz789')).text()).toBe(
      '{"code":200,"data":{"task_id":"task-unified-1757165211-xyz789","status":"finished",' +
        '"files":[{"file_url":"https://storage.vidgo.ai/generated/video-xyz789.mp4","file_type":"video"}],' +
        '"created_time":"2025-11-12T10:30:00","progress":100,"error_message":null}}',
    );
    const failed = await (await status(sim, 'failing')).text();
    expect(failed).toBe(
      '{"code":200,"data":{"task_id":"failing","status":"failed","files":[],"created_time":"2025-11-12T10:30:00",' +
        '"progress":0,"error_message":"The prompt violates our content policy"}}',
    );
  });

  it('answers JSON with HTTP 200, created_time without a timezone, whole seconds', async () => {
    const sim = createVidgoSimulator();
    await sim.advance(1234.5);
    const id = sim.createTask();
    const response = await status(sim, id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { data: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['code', 'data']);
    expect(Object.keys(body.data)).toEqual(['task_id', 'status', 'files', 'created_time', 'progress', 'error_message']);
    expect(body.data.created_time).toBe('2025-11-12T10:30:01');
  });

  it('passes extra fields through after the documented ones, and can override or remove one', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ extra: { credits_used: 4, status: 'paused', progress: undefined } });
    const body = (await (await status(sim, id)).json()) as { data: Record<string, unknown> };
    expect(Object.keys(body.data)).toEqual([
      'task_id',
      'status',
      'files',
      'created_time',
      'error_message',
      'credits_used',
    ]);
    expect(body.data).toMatchObject({ status: 'paused', credits_used: 4 });
  });

  it('percent-decodes the task id', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask({ id: 'odd id?#é' });
    const response = await status(sim, id);
    expect(response.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({
      route: 'status',
      taskId: 'odd id?#é',
      path: '/api/generate/status/odd%20id%3F%23%C3%A9',
    });
  });
});

describe('status errors', () => {
  it('401 for a missing or unknown key, before looking at the task', async () => {
    const sim = createVidgoSimulator();
    const id = sim.createTask();
    const missing = await status(sim, id, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ detail: 'Missing API key' });
    const unknown = await status(sim, 'nope', { authorization: 'Bearer wrong' });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ detail: 'Invalid API key' });
    expect((await status(sim, id, { authorization: 'test-key' })).status).toBe(401);
    expect((await status(sim, id, { authorization: 'bearer test-key' })).status).toBe(200);
  });

  it("403 for another account's task, 404 for no such task", async () => {
    const sim = createVidgoSimulator({ apiKeys: ['key-a', 'key-b'] });
    const id = sim.createTask({ apiKey: 'key-b' });
    const forbidden = await status(sim, id, { authorization: 'Bearer key-a' });
    expect(forbidden.status).toBe(403);
    expect((await status(sim, id, { authorization: 'Bearer key-b' })).status).toBe(200);
    const missing = await status(sim, 'task-unified-0-nothing0', { authorization: 'Bearer key-a' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Task not found' });
  });

  it("answers the 'error' shape with the documented types", async () => {
    const sim = createVidgoSimulator({ errorShape: 'error', apiKeys: ['key-a', 'key-b'] });
    const id = sim.createTask({ apiKey: 'key-b' });
    const cases: [Record<string, string>, string, number, string][] = [
      [{}, id, 401, 'authentication_error'],
      [{ authorization: 'Bearer key-a' }, id, 403, 'permission_denied_error'],
      [{ authorization: 'Bearer key-a' }, 'nope', 404, 'resource_not_found_error'],
    ];
    for (const [headers, taskId, code, type] of cases) {
      const response = await status(sim, taskId, headers);
      expect(response.status).toBe(code);
      expect(await response.json()).toEqual({ code, error: { message: expect.any(String), type } });
    }
    const missing = await status(sim, 'nope', { authorization: 'Bearer key-a' });
    expect(await missing.text()).toBe(
      '{"code":404,"error":{"message":"Task not found","type":"resource_not_found_error"}}',
    );
  });

  it('404 Not Found for other paths, 405 for the wrong method', async () => {
    const sim = createVidgoSimulator({ errorShape: 'error' });
    const other = await sim.fetch(`${sim.baseUrl}/api/generate/nothing`, { headers: AUTH });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ detail: 'Not Found' });
    // An encoded slash is decoded before routing, as on the real server.
    expect((await status(sim, 'a/b')).status).toBe(404);
    const wrong = await sim.fetch(`${sim.baseUrl}/api/generate/status/x`, { method: 'POST', headers: AUTH });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await sim.fetch(`${sim.baseUrl}/api/generate/submit`, { headers: AUTH })).status).toBe(405);
  });

  it('serves under a base URL with a path prefix', async () => {
    const sim = createVidgoSimulator({ baseUrl: 'http://localhost:9999/vidgo/' });
    expect(sim.baseUrl).toBe('http://localhost:9999/vidgo');
    const id = sim.createTask();
    expect((await status(sim, id)).status).toBe(200);
    expect((await sim.fetch(`http://localhost:9999/api/generate/status/${id}`, { headers: AUTH })).status).toBe(404);
  });
});
