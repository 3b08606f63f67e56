import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';

const AUTH = { authorization: 'Bearer test-key' };

describe('rateLimit', () => {
  it('answers 429 beyond the limit in the trailing second, with Retry-After', async () => {
    const sim = createVidgoSimulator({ rateLimit: { requestsPerSecond: 2, retryAfterSeconds: 1 } });
    const id = sim.createTask();
    const status = () => sim.fetch(`${sim.baseUrl}/api/generate/status/${id}`, { headers: AUTH });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await status()).status);
    expect(codes).toEqual([200, 200, 429]);
    const limited = await status();
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ detail: 'Rate limit exceeded' });

    await sim.advance(999);
    expect((await status()).status).toBe(429);
    await sim.advance(1);
    expect((await status()).status).toBe(200);
    expect(sim.requests.map((entry) => entry.status)).toEqual([200, 200, 429, 429, 429, 200]);
  });

  it('slides: requests spread over time are all served', async () => {
    const sim = createVidgoSimulator({ rateLimit: { requestsPerSecond: 2 }, errorShape: 'error' });
    for (let i = 0; i < 10; i++) {
      const response = await sim.fetch(`${sim.baseUrl}/api/generate/status/x`, { headers: AUTH });
      expect(response.status).toBe(404);
      await sim.advance(500);
    }
    const burst = [];
    for (let i = 0; i < 3; i++) burst.push(await sim.fetch(`${sim.baseUrl}/api/generate/status/x`, { headers: AUTH }));
    const limited = burst[2];
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('retry-after')).toBeNull();
    expect(await limited?.json()).toEqual({
      code: 429,
      error: { message: 'Rate limit exceeded', type: 'rate_limit_error' },
    });
  });
});
