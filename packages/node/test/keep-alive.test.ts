import { createVidgoSimulator, realClock } from '@vidgo-sdk/testing';
import { afterAll, expect, it } from 'vitest';
import { createVidgoClient } from '../src/create-vidgo-client.ts';
import { startCountingProxy } from './support/counting-proxy.ts';

// Node's global fetch (undici) pools connections per origin and keeps idle ones for 4 s (or the
// server's `Keep-Alive: timeout` less 1 s), so a polling session needs no Agent of its own.
const sim = createVidgoSimulator({ clock: realClock, apiKeys: ['k'] });
const server = await sim.listen();
const proxy = await startCountingProxy(server.url);
afterAll(async () => {
  await proxy.close();
  await server.close();
});

it('reuses one connection for the polls of a wait', async () => {
  const id = sim.createTask({ queuedMs: 0, durationMs: 400 });
  const client = createVidgoClient({ apiKey: 'k', baseUrl: proxy.url, env: {} });
  const task = await client.waitForTask(id, { minIntervalMs: 50, expectedDurationMs: 400, timeoutMs: 5000 });
  expect(task.status).toBe('finished');
  const polls = sim.requests.filter((request) => request.taskId === id).length;
  expect(polls).toBeGreaterThanOrEqual(3);
  expect(proxy.connections).toBe(1);
});
