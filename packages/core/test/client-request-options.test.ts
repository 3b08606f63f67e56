import { describe, expect, it } from 'vitest';
import { ConfigurationError, createVidgoClient, type RequestOptions, type VidgoClientOptions } from '../src/index.ts';
import { API_KEY, settle, simulatedVidgo, useMsw } from './support/simulated-vidgo.ts';

useMsw();

const running = () => Response.json({ code: 200, data: { task_id: 't', status: 'running' } });

/** A client over a fetch that records each request's headers and answers a running task. */
function recordingClient(options: VidgoClientOptions = {}) {
  const seen: Headers[] = [];
  const client = createVidgoClient({
    apiKey: API_KEY,
    ...options,
    fetch: async (_url, init) => {
      seen.push(new Headers(init?.headers));
      return init?.method === 'POST' ? Response.json({ code: 200, data: { task_id: 'new' } }) : running();
    },
  });
  return { client, seen };
}

describe('RequestOptions: timeoutMs and maxRetries per call', () => {
  it('timeoutMs bounds each attempt of this call, over the client default', async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { timeoutMs: 30_000, maxRetries: 0 });
    simulator.inject({ type: 'hang', times: Infinity });
    const start = clock.now();
    const { error } = await settle(run(client.getTask('task-1', { timeoutMs: 500 })));
    expect(error).toMatchObject({ code: 'request_timeout', message: 'getTask("task-1"): timed out after 500 ms' });
    expect(clock.now() - start).toBe(500);
  });

  it('maxRetries of a call replaces the client default, in both directions', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 4 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 503, times: Infinity });
    await settle(run(client.getTask(id, { maxRetries: 0 })));
    expect(simulator.requests).toHaveLength(1);
    const few = simulatedVidgo({}, { maxRetries: 0 });
    few.simulator.inject({ type: 'status', status: 503, times: 2 });
    await few.run(few.client.getTask(few.simulator.createTask(), { maxRetries: 2 }));
    expect(few.simulator.requests).toHaveLength(3);
  });

  it('leaves the client default alone for the next call', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 2 });
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 503, times: Infinity });
    await settle(run(client.getTask(id, { maxRetries: 0 })));
    await settle(run(client.getTask(id)));
    expect(simulator.requests).toHaveLength(1 + 3);
  });

  it('submitTask takes them too (and still retries only a 429)', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 0 });
    simulator.inject({ type: 'status', status: 429, retryAfter: 1, times: 2 });
    const submitted = await run(client.submitTask({ model: 'gpt-image-2', input: { prompt: 'p' } }, { maxRetries: 2 }));
    expect(submitted.task_id).toBeTruthy();
    expect(simulator.requests).toHaveLength(3);
  });
});

describe('RequestOptions: headers per call', () => {
  it('are sent over the client headers, names compared without case', async () => {
    const { client, seen } = recordingClient({ headers: { 'X-Team': 'render', 'X-Keep': 'yes' } });
    await client.getTask('t', { headers: { 'x-team': 'audio', 'X-Trace': 'abc' } });
    await client.getTask('t');
    expect(Object.fromEntries(seen[0]!)).toEqual({
      accept: 'application/json',
      authorization: `Bearer ${API_KEY}`,
      'x-keep': 'yes',
      'x-team': 'audio',
      'x-trace': 'abc',
    });
    expect(seen[1]!.get('x-team')).toBe('render');
    expect(seen[1]!.has('x-trace')).toBe(false);
  });

  it('cannot replace what the SDK sets: accept, and content-type on a submit', async () => {
    const { client, seen } = recordingClient();
    await client.submitTask(
      { model: 'm', input: { prompt: 'p' } },
      { headers: { accept: 'text/html', 'content-type': 'text/plain' } },
    );
    expect(seen[0]!.get('accept')).toBe('application/json');
    expect(seen[0]!.get('content-type')).toBe('application/json');
  });

  it.each(['authorization', 'Authorization', 'AUTHORIZATION'])(
    'never carry %s, with a key or without',
    async (name) => {
      for (const options of [
        {},
        { apiKey: undefined },
        { apiKey: undefined, headers: { authorization: 'Bearer proxy-token' } },
      ]) {
        const { client, seen } = recordingClient(options);
        const { error } = await settle(client.getTask('t', { headers: { [name]: 'Bearer vk_live_someone_else' } }));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error).toMatchObject({ code: 'configuration', operation: 'getTask', taskId: 't' });
        expect((error as Error).message).toBe(`getTask("t"): invalid headers (authorization is the client's)`);
        expect(JSON.stringify(error) + String(error)).not.toContain('someone_else');
        expect(seen).toHaveLength(0);
      }
    },
  );

  it('a client header may still carry credentials when there is no key (a browser behind a proxy)', async () => {
    const { client, seen } = recordingClient({ apiKey: undefined, headers: { authorization: 'Bearer proxy-token' } });
    await client.getTask('t', { headers: { 'x-trace': '1' } });
    expect(seen[0]!.get('authorization')).toBe('Bearer proxy-token');
  });
});

describe('RequestOptions are checked before anything is sent', () => {
  const secret = 'vk_live_in_a_header_value';
  it.each<[string, RequestOptions, string]>([
    ['a zero timeoutMs', { timeoutMs: 0 }, 'timeoutMs'],
    ['a negative timeoutMs', { timeoutMs: -5 }, 'timeoutMs'],
    ['a NaN timeoutMs', { timeoutMs: Number.NaN }, 'timeoutMs'],
    ['an infinite timeoutMs (a timer would fire at once)', { timeoutMs: Infinity }, 'timeoutMs'],
    ['a timeoutMs past what a timer can wait', { timeoutMs: 2 ** 31 }, 'timeoutMs'],
    ['a string timeoutMs', { timeoutMs: '500' as unknown as number }, 'timeoutMs'],
    ['a negative maxRetries', { maxRetries: -1 }, 'maxRetries'],
    ['a fractional maxRetries', { maxRetries: 1.5 }, 'maxRetries'],
    ['an infinite maxRetries', { maxRetries: Infinity }, 'maxRetries'],
    ['a header name with a space', { headers: { 'x bad': '1' } }, 'headers'],
    ['a header value with a newline', { headers: { 'x-note': `a\nX-Evil: ${secret}` } }, 'headers'],
    ['a signal that is not one', { signal: {} as AbortSignal }, 'signal'],
  ])('refuses %s with a ConfigurationError that quotes no value', async (_, options, option) => {
    const { client, seen } = recordingClient();
    for (const call of [
      client.getTask('t', options),
      client.submitTask({ model: 'm', input: { prompt: 'p' } }, options),
    ]) {
      const { error } = await settle(call);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(new RegExp(`^(getTask\\("t"\\)|submitTask): invalid ${option}`));
      expect(JSON.stringify(error) + String(error)).not.toContain(secret);
    }
    expect(seen).toHaveLength(0);
  });

  it('takes the largest timeoutMs a timer can wait, and maxRetries 0', async () => {
    const { client, seen } = recordingClient();
    await client.getTask('t', { timeoutMs: 2 ** 31 - 1, maxRetries: 0 });
    expect(seen).toHaveLength(1);
  });

  it('the client options follow the same rules', () => {
    for (const options of [{ timeoutMs: Infinity }, { timeoutMs: 2 ** 31 }, { maxRetries: 2.5 }]) {
      expect(() => createVidgoClient(options)).toThrow(/^createVidgoClient: invalid (timeoutMs|maxRetries)$/);
    }
  });
});

describe('submitAndWait', () => {
  it("does not take the wait's timeoutMs as the submit's per-attempt timeout", async () => {
    const { simulator, client, clock, run } = simulatedVidgo({}, { timeoutMs: 1000, maxRetries: 0 });
    simulator.inject({ type: 'hang', times: 1 });
    const start = clock.now();
    const { error } = await settle(
      run(client.submitAndWait({ model: 'gpt-image-2', input: { prompt: 'p' } }, { timeoutMs: 600_000 })),
    );
    expect(error).toMatchObject({ code: 'request_timeout', operation: 'submitTask' });
    expect(clock.now() - start).toBe(1000);
  });
});
