import { afterEach, describe, expect, it } from 'vitest';
import { createVidgoSimulator, realClock, type SimulatorServer } from '../src/index.ts';

let server: SimulatorServer | undefined;
afterEach(() => server?.close());

describe('listen({ cors })', () => {
  it('answers preflights and lets any origin read answers, errors included', async () => {
    const simulator = createVidgoSimulator({ clock: realClock, apiKeys: ['k'] });
    server = await simulator.listen({ cors: true });
    const preflight = await fetch(`${server.url}/api/generate/status/t`, {
      method: 'OPTIONS',
      headers: { origin: 'http://page.test', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await fetch(`${server.url}/api/generate/status/t`, { headers: { authorization: 'Bearer k' } });
    expect([missing.status, missing.headers.get('access-control-allow-origin')]).toEqual([404, '*']);
    // Nothing of the preflight reached the engine.
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('sends no CORS header without it', async () => {
    server = await createVidgoSimulator({ clock: realClock }).listen();
    const answer = await fetch(`${server.url}/api/generate/status/t`);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
