import { describe, expect, it } from 'vitest';
import { createVidgoClient, VidgoError, type VidgoClientOptions } from '../src/index.ts';
import { API_KEY, settle, simulatedVidgo, useMsw } from './support/simulated-vidgo.ts';
import type { Fault } from '@vidgo-sdk/testing';

useMsw();

/** Everything a user might print or ship to a log aggregator. */
function everyRendering(error: unknown): string {
  const fields = error as Record<string, unknown>;
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack,
    JSON.stringify(error),
    JSON.stringify(fields.headers ?? {}),
    String(fields.rawBody ?? ''),
    JSON.stringify(fields.body ?? null),
  ].join('\n');
}

const faults: Fault[] = [
  { type: 'status', status: 401 },
  { type: 'status', status: 403 },
  { type: 'status', status: 429, retryAfter: 999 },
  { type: 'status', status: 500, body: 'error' },
  { type: 'status', status: 502, body: 'html' },
  { type: 'status', status: 408, body: 'text' },
  { type: 'malformed' },
  { type: 'truncated' },
  { type: 'drop' },
  { type: 'hang' },
];

describe('the API key never leaves in an error', () => {
  it.each(faults.map((fault) => [JSON.stringify(fault), fault] as const))('after %s', async (_, fault) => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 1, timeoutMs: 1000 });
    simulator.inject({ ...fault, times: Infinity });
    const { error } = await settle(run(client.getTask('task-1')));
    expect(VidgoError.is(error)).toBe(true);
    expect(everyRendering(error)).not.toContain(API_KEY);
  });

  it('even when a server echoes it in the body and the headers', async () => {
    const echo: VidgoClientOptions['fetch'] = async (_url, init) => {
      const authorization = new Headers(init?.headers).get('authorization') ?? '';
      return new Response(JSON.stringify({ detail: `Invalid key ${authorization}` }), {
        status: 401,
        headers: { 'content-type': 'application/json', 'x-debug-authorization': authorization },
      });
    };
    const { error } = await settle(createVidgoClient({ apiKey: API_KEY, fetch: echo }).getTask('task-1'));
    expect(everyRendering(error)).not.toContain(API_KEY);
    expect((error as Error).message).toBe('getTask("task-1"): 401 Invalid key Bearer [redacted]');
  });

  it('even when fetch fails with it in its message', async () => {
    const leaky: VidgoClientOptions['fetch'] = async (_url, init) => {
      throw new TypeError(`request with ${new Headers(init?.headers).get('authorization')} failed`);
    };
    const { error } = await settle(createVidgoClient({ apiKey: API_KEY, fetch: leaky, maxRetries: 0 }).getTask('t'));
    expect((error as Error).message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });

  it('and is not quoted when it is malformed', () => {
    const badKey = 'vk_live_with a space\n';
    const { error } = (() => {
      try {
        createVidgoClient({ apiKey: badKey });
        return {};
      } catch (error) {
        return { error };
      }
    })();
    expect(error).toMatchObject({ name: 'ConfigurationError' });
    expect(everyRendering(error)).not.toContain('vk_live_with');
  });

  it('nor does it show when the client itself is printed', () => {
    const client = createVidgoClient({ apiKey: API_KEY });
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(String(Object.values(client))).not.toContain(API_KEY);
  });
});

describe('scrubbing the key', () => {
  it('never rewrites the data of a successful answer, even when the key is a common substring', async () => {
    const body = {
      code: 200,
      data: { task_id: 'task-k-1', status: 'finished', files: [{ file_url: 'https://cdn/k.jpg', file_type: 'image' }] },
    };
    const client = createVidgoClient({ apiKey: 'k', fetch: async () => Response.json(body) });
    expect(await client.getTask('task-k-1')).toStrictEqual(body.data);
  });
});
