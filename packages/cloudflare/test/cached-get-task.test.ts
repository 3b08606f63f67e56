import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cachedGetTask, cacheLifetimeSeconds, createVidgoClient, type WorkersCache } from '../src/index.ts';
import { freshId, TEST_KEY, useSimulator } from './support/upstream.ts';

const HOUR = 3_600_000;

/** A cache of its own per test (`caches.open`), with the keys and headers of every write. */
async function recordingCache() {
  const cache = await caches.open(`test-${crypto.randomUUID()}`);
  const writes: { key: string; cacheControl: string | null }[] = [];
  const recording: WorkersCache = {
    match: (key) => cache.match(key),
    put: (key, response) => {
      writes.push({ key, cacheControl: response.headers.get('cache-control') });
      return cache.put(key, response);
    },
  };
  return { cache, recording, writes };
}

function setup(options: { baseUrl?: string; startAgoMs?: number } = {}) {
  const simulator = useSimulator(options);
  const client = createVidgoClient(env, {
    fetch: simulator.fetch,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const requests = (id: string) => simulator.requests.filter((request) => request.taskId === id).length;
  return { simulator, client, requests };
}

describe('cachedGetTask', () => {
  it('serves a finished task from caches.default after the first call, the write under ctx.waitUntil', async () => {
    const { simulator, client, requests } = setup();
    const id = simulator.createTask({ id: freshId(), queuedMs: 0, durationMs: 0 });
    const ctx = createExecutionContext();
    const first = await cachedGetTask(client, id, { ctx });
    await waitOnExecutionContext(ctx);
    const second = await cachedGetTask(client, id);
    expect(second).toEqual(first);
    expect(first.status).toBe('finished');
    expect(requests(id)).toBe(1);
    expect(await (await caches.default.match(`${client.baseUrl}/api/generate/status/${id}`))?.json()).toEqual(first);
  });

  it('caches failed tasks too', async () => {
    const { simulator, client, requests } = setup();
    const { recording } = await recordingCache();
    const id = simulator.createTask({ queuedMs: 0, durationMs: 0, outcome: 'failed', errorMessage: 'nope' });
    await cachedGetTask(client, id, { cache: recording });
    expect(await cachedGetTask(client, id, { cache: recording })).toMatchObject({
      status: 'failed',
      error_message: 'nope',
    });
    expect(requests(id)).toBe(1);
  });

  it('never caches a queued or running task', async () => {
    const { simulator, client, requests } = setup();
    const { recording, writes } = await recordingCache();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000 });
    expect((await cachedGetTask(client, id, { cache: recording })).status).toBe('not_started');
    await simulator.advance(5000);
    expect((await cachedGetTask(client, id, { cache: recording })).status).toBe('running');
    expect((await cachedGetTask(client, id, { cache: recording })).status).toBe('running');
    expect(requests(id)).toBe(3);
    expect(writes).toEqual([]);
    await simulator.advance(20_000);
    expect((await cachedGetTask(client, id, { cache: recording })).status).toBe('finished');
    expect((await cachedGetTask(client, id, { cache: recording })).status).toBe('finished');
    expect(requests(id)).toBe(4);
  });

  it('keys by base URL and task id, never by API key: two upstreams do not collide', async () => {
    const { recording, writes } = await recordingCache();
    const a = setup({ baseUrl: 'https://a.example/vidgo' });
    const id = a.simulator.createTask({ id: 'task-same-id', queuedMs: 0, durationMs: 0, files: 1 });
    const b = setup({ baseUrl: 'https://b.example' });
    b.simulator.createTask({ id: 'task-same-id', queuedMs: 0, durationMs: 0, files: 2 });
    expect((await cachedGetTask(a.client, id, { cache: recording })).files).toHaveLength(1);
    expect((await cachedGetTask(b.client, id, { cache: recording })).files).toHaveLength(2);
    expect((await cachedGetTask(a.client, id, { cache: recording })).files).toHaveLength(1);
    expect(writes.map((write) => write.key)).toEqual([
      'https://a.example/vidgo/api/generate/status/task-same-id',
      'https://b.example/api/generate/status/task-same-id',
    ]);
    expect(JSON.stringify(writes)).not.toContain(TEST_KEY);
  });

  it('puts the entries under cacheUrl when given, the base URL still in the key', async () => {
    const { simulator, client } = setup();
    const { recording, writes } = await recordingCache();
    const id = simulator.createTask({ id: 'task with space', queuedMs: 0, durationMs: 0 });
    await cachedGetTask(client, id, { cache: recording, cacheUrl: 'https://example.com/vidgo-cache/' });
    expect(writes[0]!.key).toBe(
      'https://example.com/vidgo-cache/https%3A%2F%2Fapi.vidgo.ai/api/generate/status/task%20with%20space',
    );
    await expect(cachedGetTask(client, id, { cache: recording, cacheUrl: 'example.com' })).rejects.toThrow(
      /invalid cacheUrl/,
    );
  });

  // The file URLs die 24 h after created_time; read as UTC+14, that is the earliest any zone allows.
  it('caches an hour at most, and ends an hour before the file URLs could die in any zone', async () => {
    const { recording, writes } = await recordingCache();
    for (const startAgoMs of [60_000, 8.5 * HOUR, 9.5 * HOUR]) {
      const { simulator, client } = setup({ startAgoMs });
      const id = simulator.createTask({ queuedMs: 0, durationMs: 0 });
      await cachedGetTask(client, id, { cache: recording });
    }
    // created_time has no zone: 8.5 h ago in UTC may be 22.5 h ago in UTC+14. The third is not cached.
    expect(writes.map((write) => write.cacheControl)).toEqual([
      'max-age=3600',
      expect.stringMatching(/^max-age=(1799|1800)$/),
    ]);
  });

  it('checks the task id before touching the cache or the network', async () => {
    const { simulator, client } = setup();
    await expect(cachedGetTask(client, '..')).rejects.toMatchObject({ name: 'InvalidTaskIdError' });
    expect(simulator.requests).toHaveLength(0);
  });

  it('serves a status route of a Worker (the README wiring), through SELF', async () => {
    const { simulator, requests } = setup();
    const id = simulator.createTask({ id: freshId(), queuedMs: 0, durationMs: 0 });
    for (let call = 0; call < 3; call++) {
      const response = await exports.default.fetch(`https://worker.example/api/generate/status/${id}`);
      expect(await response.json()).toMatchObject({ code: 200, data: { task_id: id, status: 'finished' } });
    }
    expect(requests(id)).toBe(1);
  });
});

describe('cacheLifetimeSeconds', () => {
  const now = Date.parse('2025-11-12T12:00:00Z');
  it('counts from the earliest creation any zone allows (a zoneless time read as UTC+14)', () => {
    expect(cacheLifetimeSeconds({ created_time: '2025-11-12T11:59:00' }, now, 3600)).toBe(3600);
    expect(cacheLifetimeSeconds({ created_time: '2025-11-12T03:30:00.123456' }, now, 3600)).toBe(1800);
    expect(cacheLifetimeSeconds({ created_time: '2025-11-12T02:30:00' }, now, 3600)).toBe(0);
    // UTC+8 reads 8 h ahead: still a fresh task, cached in full.
    expect(cacheLifetimeSeconds({ created_time: '2025-11-12T20:00:00' }, now, 600)).toBe(600);
    // A zone, if the API ever sends one, is read as it says.
    expect(cacheLifetimeSeconds({ created_time: '2025-11-11T14:30:00+01:00' }, now, 3600)).toBe(1800);
  });

  it("caches nothing when created_time is missing, unreadable, ahead of every zone, or the docs' example", () => {
    for (const created_time of [undefined, 'yesterday', '2025-11-13T06:00:00'])
      expect(cacheLifetimeSeconds({ created_time }, now, 600)).toBe(0);
    expect(cacheLifetimeSeconds({ created_time: '2025-11-12T10:30:00' }, Date.parse('2026-11-12T10:30:00Z'), 600)).toBe(
      0,
    );
  });
});
