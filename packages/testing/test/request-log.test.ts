import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import { createHandlers } from '../src/msw.ts';

const SECRET = 'sk-live-very-secret-0123456789';

describe('the request log', () => {
  it('records every request in order, with route, task id, auth and answer', async () => {
    const sim = createVidgoSimulator({ apiKeys: [SECRET] });
    const id = sim.createTask();
    const headers = { authorization: `Bearer ${SECRET}` };
    await sim.fetch(`${sim.baseUrl}/api/generate/status/${id}`, { headers });
    await sim.advance(1500);
    await sim.fetch(`${sim.baseUrl}/api/generate/status/${id}`);
    await sim.fetch(`${sim.baseUrl}/api/generate/submit`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: '{}',
    });
    await sim.fetch(`${sim.baseUrl}/robots.txt`, { headers });
    const start = Date.parse('2025-11-12T10:30:00Z');
    expect(sim.requests).toEqual([
      {
        method: 'GET',
        path: `/api/generate/status/${id}`,
        route: 'status',
        taskId: id,
        auth: 'ok',
        status: 200,
        at: start,
      },
      {
        method: 'GET',
        path: `/api/generate/status/${id}`,
        route: 'status',
        taskId: id,
        auth: 'missing',
        status: 401,
        at: start + 1500,
      },
      { method: 'POST', path: '/api/generate/submit', route: 'submit', auth: 'invalid', status: 401, at: start + 1500 },
      { method: 'GET', path: '/robots.txt', route: 'other', auth: 'ok', status: 404, at: start + 1500 },
    ]);
  });

  it('never holds the API key, in the log, the answers, or errors', async () => {
    const sim = createVidgoSimulator({ apiKeys: [SECRET, 'other-key'] });
    const server = setupServer(...createHandlers(sim));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const mine = sim.createTask({ apiKey: SECRET });
      const theirs = sim.createTask({ apiKey: 'other-key' });
      const texts: string[] = [];
      const call = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(`${sim.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${SECRET}` },
          ...init,
        });
        texts.push(await response.text(), JSON.stringify([...response.headers]));
      };
      await call(`/api/generate/status/${mine}`);
      await call(`/api/generate/status/${theirs}`);
      await call('/api/generate/status/missing');
      await call('/api/generate/submit', {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}` },
        body: '{}',
      });
      await call('/api/generate/status/x', { headers: { authorization: `Bearer ${SECRET}x` } });
      sim.setCredits(SECRET, 0);
      await call('/api/generate/submit', {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}` },
        body: '{"model":"m","input":{"prompt":"p"}}',
      });
      for (const text of [...texts, JSON.stringify(sim.requests), JSON.stringify(sim.callbacks)]) {
        expect(text).not.toContain(SECRET);
      }
      expect(sim.requests).toHaveLength(6);
    } finally {
      server.close();
    }
  });
});
