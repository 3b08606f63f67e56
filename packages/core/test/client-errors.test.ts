import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  InsufficientCreditsError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  VidgoAPIError,
  VidgoError,
} from '../src/index.ts';
import { OTHER_KEY, settle, simulatedVidgo, useMsw } from './support/simulated-vidgo.ts';

useMsw();

describe('getTask errors: each status maps to its class, after the right number of requests', () => {
  it.each([
    [400, BadRequestError, 'bad_request', 1],
    [401, AuthenticationError, 'authentication', 1],
    [402, InsufficientCreditsError, 'insufficient_credits', 1],
    [403, PermissionDeniedError, 'permission_denied', 1],
    [404, NotFoundError, 'not_found', 1],
    [409, VidgoAPIError, 'vidgo_api', 1],
    [422, BadRequestError, 'bad_request', 1],
    [408, VidgoAPIError, 'vidgo_api', 5],
    [429, RateLimitError, 'rate_limit', 5],
    [500, InternalServerError, 'internal_server', 5],
    [501, InternalServerError, 'internal_server', 1],
    [502, InternalServerError, 'internal_server', 5],
    [503, InternalServerError, 'internal_server', 5],
    [504, InternalServerError, 'internal_server', 5],
  ])('%i → %O (%s), %i request(s)', async (status, ErrorClass, code, requests) => {
    const { simulator, client, run, requestCount } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status, times: Infinity });
    const { error } = await settle(run(client.getTask(id)));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ name: ErrorClass.name, code, status, operation: 'getTask', taskId: id });
    expect(VidgoError.is(error)).toBe(true);
    expect(requestCount()).toBe(requests);
  });

  it('answers for real: 401 for a wrong key, 403 for another account’s task, 404 for no task', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { apiKey: 'vk_wrong_key_123' });
    await expect(run(client.getTask('x'))).rejects.toBeInstanceOf(AuthenticationError);

    const own = simulatedVidgo();
    const theirs = own.simulator.createTask({ apiKey: OTHER_KEY });
    await expect(own.run(own.client.getTask(theirs))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(own.run(own.client.getTask('task-unified-0-nothing'))).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'getTask("task-unified-0-nothing"): 404 Task not found',
    });
    expect(simulator.requests).toHaveLength(1);
  });
});

describe('error messages come from the body, whatever its shape', () => {
  it.each([
    ['detail', 'getTask("t"): 404 Task not found'],
    ['error', 'getTask("t"): 404 Task not found'],
  ] as const)('the %s shape', async (errorShape, message) => {
    const { client, run } = simulatedVidgo({ errorShape });
    const { error } = await settle(run(client.getTask('t')));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(message);
  });

  it('keeps the parsed body and the raw text', async () => {
    const { client, run } = simulatedVidgo({ errorShape: 'error' });
    const { error } = await settle(run(client.getTask('t')));
    expect(error).toMatchObject({
      body: { code: 404, error: { message: 'Task not found', type: 'resource_not_found_error' } },
      rawBody: '{"code":404,"error":{"message":"Task not found","type":"resource_not_found_error"}}',
    });
    expect((error as NotFoundError).headers['content-type']).toMatch(/json/);
  });

  it('reads plain text', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 0 });
    simulator.inject({ type: 'status', status: 408, body: 'text' });
    await expect(run(client.getTask('t'))).rejects.toThrow('getTask("t"): 408 Request timeout');
  });

  it('falls back to the status line for an HTML gateway page, and keeps the page', async () => {
    const { simulator, client, run } = simulatedVidgo({}, { maxRetries: 0 });
    simulator.inject({ type: 'status', status: 502, body: 'html' });
    const { error } = await settle(run(client.getTask('t')));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/^getTask\("t"\): 502( Bad Gateway)?$/);
    expect((error as InternalServerError).rawBody).toContain('<html>');
    expect((error as InternalServerError).body).toBeUndefined();
  });

  it('tells an out-of-credits 400 from other 400s', async () => {
    const { simulator, client, run } = simulatedVidgo();
    simulator.inject({ type: 'status', status: 400, message: 'Insufficient credits', route: 'submit' });
    simulator.inject({ type: 'status', status: 400, message: 'Unknown model', route: 'submit' });
    const request = { model: 'gpt-image-2', input: { prompt: 'a fox' } };
    await expect(run(client.submitTask(request))).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(run(client.submitTask(request))).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('a 200 that is not a task', () => {
  it.each(['malformed', 'truncated'] as const)(
    '%s JSON is retried, then an InvalidResponseError with the raw text',
    async (type) => {
      const { simulator, client, run, requestCount } = simulatedVidgo();
      const id = simulator.createTask();
      simulator.inject({ type, times: Infinity });
      const { error } = await settle(run(client.getTask(id)));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ code: 'invalid_response', taskId: id });
      expect((error as InvalidResponseError).rawBody.length).toBeGreaterThan(0);
      expect(requestCount()).toBe(5);
    },
  );

  it('a truncated answer once is survived by the retry', async () => {
    const { simulator, client, run } = simulatedVidgo();
    const id = simulator.createTask();
    simulator.inject({ type: 'truncated' });
    expect((await run(client.getTask(id))).task_id).toBe(id);
  });

  it('JSON without data.task_id and data.status is refused', async () => {
    const { client } = simulatedVidgo(
      {},
      {
        maxRetries: 0,
        fetch: async () => Response.json({ code: 200, data: { id: 'x', state: 'done' } }),
      },
    );
    await expect(client.getTask('x')).rejects.toThrow('getTask("x"): the answer is not a Vidgo task');
  });

  it('keeps at most 2000 characters of a huge raw body', async () => {
    const { client } = simulatedVidgo({}, { maxRetries: 0, fetch: async () => new Response('x'.repeat(1_000_000)) });
    const { error } = await settle(client.getTask('x'));
    expect((error as InvalidResponseError).rawBody).toHaveLength(2000);
  });
});
