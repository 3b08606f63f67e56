import { ConfigurationError } from '@vidgo-sdk/core';
import { createVidgoSimulator } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { createVidgoClient, resolveConnection } from '../src/create-vidgo-client.ts';

const sim = createVidgoSimulator({ apiKeys: ['env-key', 'option-key'], baseUrl: 'https://proxy.example/vidgo' });
const task = sim.createTask({ apiKey: 'env-key' });

describe('createVidgoClient on Node', () => {
  it('takes the key and base URL from the environment', async () => {
    const client = createVidgoClient({
      fetch: sim.fetch,
      env: { VIDGO_API_KEY: 'env-key', VIDGO_BASE_URL: 'https://proxy.example/vidgo/' },
    });
    expect(client.baseUrl).toBe('https://proxy.example/vidgo');
    expect((await client.getTask(task)).task_id).toBe(task);
  });

  it('lets explicit options win over the environment', () => {
    const env = { VIDGO_API_KEY: 'env-key', VIDGO_BASE_URL: 'https://env.example' };
    expect(resolveConnection({ apiKey: 'option-key', baseUrl: 'https://option.example', env })).toEqual({
      apiKey: 'option-key',
      baseUrl: 'https://option.example',
    });
  });

  it('counts empty and blank variables as unset, and trims the others', () => {
    expect(resolveConnection({ env: { VIDGO_API_KEY: 'vk_1', VIDGO_BASE_URL: '   ' } })).toEqual({
      apiKey: 'vk_1',
      baseUrl: undefined,
    });
    expect(resolveConnection({ env: { VIDGO_API_KEY: ' ', VIDGO_BASE_URL: 'https://proxy.example' } })).toEqual({
      apiKey: undefined,
      baseUrl: 'https://proxy.example',
    });
    expect(resolveConnection({ env: { VIDGO_API_KEY: ' vk_1 \n' } }).apiKey).toBe('vk_1');
  });

  it('reads process.env by default', () => {
    const saved = process.env.VIDGO_API_KEY;
    process.env.VIDGO_API_KEY = 'from-process';
    try {
      expect(resolveConnection().apiKey).toBe('from-process');
    } finally {
      if (saved === undefined) delete process.env.VIDGO_API_KEY;
      else process.env.VIDGO_API_KEY = saved;
    }
  });

  it('refuses to start without a key against Vidgo itself, and says how to give one', () => {
    expect(() => createVidgoClient({ env: {} })).toThrow(ConfigurationError);
    expect(() => createVidgoClient({ env: { VIDGO_API_KEY: '' } })).toThrowError(
      expect.objectContaining({
        code: 'configuration',
        operation: 'createVidgoClient',
        message:
          'createVidgoClient: no API key: VIDGO_API_KEY is missing or empty in the environment: ' +
          'set VIDGO_API_KEY, or pass createVidgoClient({ apiKey })',
      }),
    );
    expect(() => createVidgoClient({ apiKey: '', env: { VIDGO_API_KEY: 'env-key' } })).toThrow(ConfigurationError);
    expect(() => createVidgoClient({ env: { VIDGO_BASE_URL: 'https://api.vidgo.ai/' } })).toThrow(/no API key/);
  });

  it('lets a client of a proxy go without a key', async () => {
    const client = createVidgoClient({ fetch: sim.fetch, env: { VIDGO_BASE_URL: 'https://proxy.example/vidgo' } });
    await expect(client.getTask(task)).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
  });

  it('is the full client, waiting engine included', () => {
    const client = createVidgoClient({ apiKey: 'k', env: {} });
    expect(Object.keys(client).sort()).toEqual([
      'baseUrl',
      'getTask',
      'resumeWait',
      'submitAndWait',
      'submitTask',
      'waitForTask',
      'watchTask',
    ]);
  });
});
