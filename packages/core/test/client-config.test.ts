import { describe, expect, it } from 'vitest';
import { ConfigurationError, createVidgoClient, type VidgoClientOptions } from '../src/index.ts';

describe('createVidgoClient options', () => {
  it.each<[string, VidgoClientOptions]>([
    ['a baseUrl that is not http(s)', { baseUrl: 'ftp://api.vidgo.ai' }],
    ['a baseUrl with a query', { baseUrl: 'https://api.vidgo.ai?x=1' }],
    ['a relative baseUrl', { baseUrl: '/api' }],
    ['an empty apiKey', { apiKey: '' }],
    ['an apiKey with a newline', { apiKey: 'abc\nX-Evil: 1' }],
    ['a zero timeout', { timeoutMs: 0 }],
    ['a negative maxRetries', { maxRetries: -1 }],
    ['a NaN maxRetryAfterMs', { maxRetryAfterMs: Number.NaN }],
    ['an invalid header', { headers: { 'bad header': 'x' } }],
  ])('refuses %s with a ConfigurationError', (_, options) => {
    expect(() => createVidgoClient(options)).toThrow(ConfigurationError);
    expect(() => createVidgoClient(options)).toThrow(/^createVidgoClient: invalid /);
  });

  it('says how to pass fetch when there is none', async () => {
    const original = globalThis.fetch;
    // @ts-expect-error simulating a runtime without fetch
    delete globalThis.fetch;
    try {
      const client = createVidgoClient();
      await expect(client.getTask('t')).rejects.toThrow(ConfigurationError);
      await expect(client.getTask('t')).rejects.toThrow('createVidgoClient({ fetch })');
    } finally {
      globalThis.fetch = original;
    }
  });

  it('looks the global fetch up at each call, so a later polyfill works', async () => {
    const original = globalThis.fetch;
    const client = createVidgoClient();
    globalThis.fetch = async () => Response.json({ code: 200, data: { task_id: 't', status: 'running' } });
    try {
      await expect(client.getTask('t')).resolves.toMatchObject({ status: 'running' });
    } finally {
      globalThis.fetch = original;
    }
  });

  it('exposes the normalised baseUrl', () => {
    expect(createVidgoClient().baseUrl).toBe('https://api.vidgo.ai');
    expect(createVidgoClient({ baseUrl: 'http://127.0.0.1:8787/' }).baseUrl).toBe('http://127.0.0.1:8787');
  });

  it('rejects a bad task id before any request', async () => {
    let calls = 0;
    const client = createVidgoClient({
      fetch: async () => {
        calls++;
        return new Response('{}');
      },
    });
    await expect(client.getTask('..')).rejects.toMatchObject({
      name: 'InvalidTaskIdError',
      code: 'invalid_task_id',
      operation: 'getTask',
    });
    await expect(client.getTask(' ')).rejects.toThrow('getTask: invalid task id');
    expect(calls).toBe(0);
  });
});
