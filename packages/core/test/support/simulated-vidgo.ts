import { createVidgoSimulator, VirtualClock, type SimulatorOptions } from '@vidgo-sdk/testing';
import { createHandlers } from '@vidgo-sdk/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createVidgoClient, type VidgoClientOptions } from '../../src/index.ts';

/** Shaped like a real key, so a leak of it would be easy to spot. */
export const API_KEY = 'vk_live_9f8e7d6c5b4a39281716';
export const OTHER_KEY = 'vk_live_other_account_000000';

const server = setupServer();

/** Routes this file's fetches through msw; call once at the top of a test file. */
export function useMsw(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/**
 * A simulated Vidgo behind msw and a client pointed at it, both on one virtual clock.
 * Jitter is fixed at half its range, so backoff waits are exact.
 */
export function simulatedVidgo(options: SimulatorOptions = {}, clientOptions: VidgoClientOptions = {}) {
  const clock = new VirtualClock();
  const simulator = createVidgoSimulator({ apiKeys: [API_KEY, OTHER_KEY], clock, ...options });
  server.use(...createHandlers(simulator));
  const client = createVidgoClient({ apiKey: API_KEY, clock, random: () => 0.5, ...clientOptions });
  return {
    simulator,
    client,
    clock,
    /** Awaits a promise while moving virtual time forward whenever nothing else can happen. */
    run: <T>(promise: Promise<T>) => clock.run(promise),
    /** How many requests reached the simulated API. */
    requestCount: () => simulator.requests.length,
  };
}

/** The settled outcome of a promise, for asserting on errors without try/catch. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}
