import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { createVidgoClient } from '../src/index.ts';
import { TEST_KEY, useSimulator } from './support/upstream.ts';

const NO_KEY_MESSAGE = new RegExp(
  /^createVidgoClient: no API key: VIDGO_API_KEY is missing or empty in the Worker's env: /.source +
    /add it with `wrangler secret put VIDGO_API_KEY`.*, or pass createVidgoClient\(\{ apiKey \}\)$/.source,
);

describe('createVidgoClient(env)', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('takes the key from the VIDGO_API_KEY binding', async () => {
    const simulator = useSimulator();
    const id = simulator.createTask({ queuedMs: 0, durationMs: 0 });
    const task = await createVidgoClient(env, { fetch: simulator.fetch }).getTask(id);
    expect(task.status).toBe('finished');
    expect(simulator.requests[0]).toMatchObject({ route: 'status', status: 200 });
  });

  it('takes the base URL from VIDGO_BASE_URL, and an explicit option over either binding', async () => {
    const simulator = useSimulator({ baseUrl: 'https://vidgo.internal/prefix' });
    const id = simulator.createTask();
    const client = createVidgoClient(
      { VIDGO_API_KEY: ' wrong ', VIDGO_BASE_URL: 'https://vidgo.internal/prefix/' },
      { apiKey: TEST_KEY, fetch: simulator.fetch },
    );
    expect(client.baseUrl).toBe('https://vidgo.internal/prefix');
    expect((await client.getTask(id)).task_id).toBe(id);
  });

  it('calls the global fetch unbound, looked up at each call', async () => {
    const simulator = useSimulator();
    const id = simulator.createTask();
    const receivers: unknown[] = [];
    globalThis.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      receivers.push(this);
      return simulator.fetch(input, init);
    } as typeof fetch;
    await createVidgoClient(env).getTask(id);
    expect(receivers).toEqual([undefined]);
  });

  it('says how to add the secret when the binding is missing or blank', () => {
    for (const bindings of [{}, { VIDGO_API_KEY: '' }, { VIDGO_API_KEY: '  \n' }]) {
      expect(() => createVidgoClient(bindings)).toThrowError(
        expect.objectContaining({
          name: 'ConfigurationError',
          code: 'configuration',
          operation: 'createVidgoClient',
          message: expect.stringMatching(NO_KEY_MESSAGE),
        }),
      );
    }
  });

  it('lets a client of a proxy go without a key (the same rule as on Node and Deno)', async () => {
    const simulator = useSimulator({ baseUrl: 'https://proxy.example/vidgo' });
    const client = createVidgoClient(
      { VIDGO_BASE_URL: 'https://proxy.example/vidgo' },
      { fetch: simulator.fetch, maxRetries: 0 },
    );
    await expect(client.getTask('task-1')).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(() => createVidgoClient({ VIDGO_BASE_URL: 'https://api.vidgo.ai' })).toThrowError(/no API key/);
  });

  it('explains a binding that is not text, and an env that is not one', () => {
    const secretsStore = { VIDGO_API_KEY: { get: async () => TEST_KEY } } as unknown as { VIDGO_API_KEY: string };
    expect(() => createVidgoClient(secretsStore)).toThrowError(
      /not text \(a Secrets Store binding\?\): pass \{ apiKey: await env.VIDGO_API_KEY.get\(\) \}/,
    );
    expect(() => createVidgoClient(undefined as never)).toThrowError(/pass the Worker's env/);
  });

  it('leaves the key out of every error', async () => {
    const simulator = useSimulator();
    const client = createVidgoClient(
      { VIDGO_API_KEY: 'vk_not_known_to_vidgo' },
      { fetch: simulator.fetch, maxRetries: 0 },
    );
    const error = await client.getTask('task-1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(JSON.stringify(error) + String(error)).not.toContain('vk_not_known_to_vidgo');
  });
});
