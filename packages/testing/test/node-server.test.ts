import { afterEach, describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import type { SimulatorServer, VidgoSimulator } from '../src/simulator-types.ts';

const AUTH = { authorization: 'Bearer test-key' };
const servers: SimulatorServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

// Real I/O has to happen for the server to see a request; wait for it, not for a fixed time.
async function untilLogged(sim: VidgoSimulator, count: number): Promise<void> {
  while (sim.requests.length < count) await new Promise((resolve) => setImmediate(resolve));
}

async function start(options: Parameters<typeof createVidgoSimulator>[0] = {}) {
  const sim = createVidgoSimulator(options);
  const server = await sim.listen();
  servers.push(server);
  return { sim, server };
}

describe('the server face', () => {
  it('listens on an ephemeral port of 127.0.0.1 and serves the API', async () => {
    const { sim, server } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const id = sim.createTask({ id: 'task-unified-1757165031-uyujaw3d', queuedMs: 0 });
    const response = await fetch(`${server.url}/api/generate/status/${id}`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(
      '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"running","files":[],' +
        '"created_time":"2025-11-12T10:30:00","progress":0,"error_message":null}}',
    );
    const submitted = await fetch(`${server.url}/api/generate/submit`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sora-2', input: { prompt: 'p' } }),
    });
    expect(submitted.status).toBe(200);
    expect(sim.requests.map((entry) => [entry.route, entry.status])).toEqual([
      ['status', 200],
      ['submit', 200],
    ]);
  });

  it('keeps the base URL path prefix', async () => {
    const { sim, server } = await start({ baseUrl: 'https://api.vidgo.ai/v1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
    const id = sim.createTask();
    expect((await fetch(`${server.url}/api/generate/status/${id}`, { headers: AUTH })).status).toBe(200);
  });

  it('sends status fault headers and bodies over the wire', async () => {
    const { sim, server } = await start();
    sim.inject({ type: 'status', status: 502, body: 'html', retryAfter: 4 });
    const response = await fetch(`${server.url}/api/generate/status/x`, { headers: AUTH });
    expect(response.status).toBe(502);
    expect(response.statusText).toBe('Bad Gateway');
    expect(response.headers.get('retry-after')).toBe('4');
    expect(await response.text()).toContain('<center>nginx</center>');
  });

  it('drop destroys the socket: the client sees a network error', async () => {
    const { sim, server } = await start();
    sim.inject({ type: 'drop' });
    const error = await fetch(`${server.url}/api/generate/status/x`, { headers: AUTH }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(sim.requests[0]?.status).toBe('dropped');
    expect((await fetch(`${server.url}/api/generate/status/x`, { headers: AUTH })).status).toBe(404);
  });

  it('hang never answers until the client gives up; close() still resolves', async () => {
    const { sim, server } = await start();
    sim.inject({ type: 'hang', times: 2 });
    const controller = new AbortController();
    const aborted = fetch(`${server.url}/api/generate/status/x`, { headers: AUTH, signal: controller.signal });
    await untilLogged(sim, 1);
    expect(sim.requests[0]?.status).toBe('hung');
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    // A second hung request is still open when the server closes.
    const pending = fetch(`${server.url}/api/generate/status/x`, { headers: AUTH }).catch((caught: unknown) => caught);
    await untilLogged(sim, 2);
    await servers.pop()?.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });

  it('close() closes idle keep-alive connections and frees the port', async () => {
    const { server } = await start();
    await (await fetch(`${server.url}/api/generate/status/x`)).text();
    await servers.pop()?.close();
    await expect(fetch(`${server.url}/api/generate/status/x`)).rejects.toThrow(TypeError);
  });

  it('reports a port in use', async () => {
    const { server } = await start();
    const other = createVidgoSimulator();
    await expect(other.listen({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
