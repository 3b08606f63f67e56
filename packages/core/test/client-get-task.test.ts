import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createVidgoClient, isTerminal } from '../src/index.ts';
import { API_KEY, simulatedVidgo, useMsw } from './support/simulated-vidgo.ts';

useMsw();

describe('getTask', () => {
  it('follows a task from queued to finished', async () => {
    const { simulator, client, clock } = simulatedVidgo();
    const id = simulator.createTask({ queuedMs: 2000, durationMs: 20_000, files: 2, fileType: 'image' });

    const queued = await client.getTask(id);
    expect(queued).toMatchObject({ task_id: id, status: 'not_started', files: [], progress: 0, error_message: null });
    expect(isTerminal(queued)).toBe(false);

    await clock.advance(12_000);
    const running = await client.getTask(id);
    expect(running.status).toBe('running');
    expect(running.progress).toBeGreaterThan(0);
    expect(running.progress).toBeLessThan(100);

    await clock.advance(10_000);
    const finished = await client.getTask(id);
    expect(finished).toMatchObject({ status: 'finished', progress: 100 });
    expect(finished.files).toHaveLength(2);
    expect(finished.files.every((file) => file.file_type === 'image' && file.file_url.startsWith('https://'))).toBe(
      true,
    );
    expect(isTerminal(finished)).toBe(true);
  });

  it('reports a failed task as a task, with its error message', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask({
      outcome: 'failed',
      errorMessage: 'The prompt violates our content policy',
      durationMs: 1000,
      queuedMs: 0,
    });
    await run(new Promise((resolve) => simulator.clock.setTimeout(() => resolve(undefined), 2000)));
    const task = await client.getTask(id);
    expect(task).toMatchObject({
      status: 'failed',
      files: [],
      error_message: 'The prompt violates our content policy',
    });
    expect(isTerminal(task)).toBe(true);
  });

  it('returns exactly what the API sent, unknown fields included', async () => {
    const { simulator, client } = simulatedVidgo();
    const id = simulator.createTask({ extra: { eta_seconds: 12, region: 'eu' } });
    expect(await client.getTask(id)).toStrictEqual(simulator.getTask(id));
  });

  it('sends the key as a bearer token, asks for JSON and sends no body headers on a GET', async () => {
    const seen: Headers[] = [];
    const client = createVidgoClient({
      apiKey: API_KEY,
      headers: { 'x-team': 'render' },
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers));
        return Response.json({ code: 200, data: { task_id: 't', status: 'running' } });
      },
    });
    await client.getTask('t');
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(seen[0]?.get('accept')).toBe('application/json');
    expect(seen[0]?.get('x-team')).toBe('render');
    expect(seen[0]?.has('content-type')).toBe(false);
  });

  it('sends no Authorization header without a key, as a browser behind a proxy does', async () => {
    let authorization: string | null = 'unset';
    const client = createVidgoClient({
      baseUrl: 'https://proxy.example',
      fetch: async (_url, init) => {
        authorization = new Headers(init?.headers).get('authorization');
        return Response.json({ code: 200, data: { task_id: 't', status: 'running' } });
      },
    });
    await client.getTask('t');
    expect(authorization).toBeNull();
  });

  it('keeps a path prefix in baseUrl', async () => {
    const { simulator, client } = simulatedVidgo(
      { baseUrl: 'https://gateway.example/vidgo/v1' },
      { baseUrl: 'https://gateway.example/vidgo/v1/' },
    );
    const id = simulator.createTask();
    expect((await client.getTask(id)).task_id).toBe(id);
    expect(simulator.requests[0]?.path).toBe(`/vidgo/v1/api/generate/status/${id}`);
  });

  it('percent-encodes the id into one path segment', async () => {
    const { simulator, client } = simulatedVidgo();
    const id = simulator.createTask({ id: 'tâche 7?x=1#y' });
    expect((await client.getTask(id)).task_id).toBe(id);
    expect(simulator.requests[0]?.path).toBe('/api/generate/status/t%C3%A2che%207%3Fx%3D1%23y');
  });

  it('keeps a traversal attempt inside the status route', async () => {
    const { simulator, client } = simulatedVidgo();
    // The server decodes before routing, as Starlette does, so the id finds no task: a 404, not another endpoint.
    await expect(client.getTask('../submit')).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
    expect(simulator.requests.map((request) => request.path)).toEqual(['/api/generate/status/..%2Fsubmit']);
  });

  it('calls the global fetch unbound, as Workers require', async () => {
    const server = setupServer(
      http.get('https://api.vidgo.ai/api/generate/status/:id', ({ params }) =>
        HttpResponse.json({ code: 200, data: { task_id: params.id, status: 'running' } }),
      ),
    );
    const original = globalThis.fetch;
    let receiver: unknown = 'not called';
    globalThis.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      receiver = this;
      return original(...args);
    } as typeof fetch;
    server.listen();
    try {
      await createVidgoClient({ apiKey: API_KEY }).getTask('abc');
    } finally {
      server.close();
      globalThis.fetch = original;
    }
    expect(receiver).toBeUndefined();
  });
});
