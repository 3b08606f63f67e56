import { equal, isError, ok, rejects } from './assert.ts';
import type { ConformanceHarness, ConformanceTarget } from './target.ts';

const KEY = 'vk_conformance_1234567890';
const OTHER_KEY = 'vk_conformance_other_0000';

/** The checks against the simulator's fetch face, on virtual time: no socket, no real waiting. */
export function defineSimulatedChecks({ test }: ConformanceHarness, { core, testing }: ConformanceTarget): void {
  const setup = (clientOptions: Record<string, unknown> = {}) => {
    const clock = new testing.VirtualClock();
    const simulator = testing.createVidgoSimulator({ clock, apiKeys: [KEY, OTHER_KEY] });
    const client = core.createVidgoClient({
      apiKey: KEY,
      fetch: simulator.fetch,
      clock,
      random: () => 0.5,
      ...clientOptions,
    });
    return { clock, simulator, client, run: <T>(promise: Promise<T>) => clock.run(promise) };
  };

  test('getTask follows a task from queued to finished, in the documented shape', async () => {
    const { simulator, client, clock } = setup();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, files: 2 });
    equal((await client.getTask(id)).status, 'not_started', 'first status');
    await clock.advance(11_000);
    const running = await client.getTask(id);
    equal(running.status, 'running', 'second status');
    ok(running.progress! > 0 && running.progress! < 100, `progress while running: ${running.progress}`);
    await clock.advance(10_000);
    const finished = await client.getTask(id);
    equal(finished, simulator.getTask(id), 'the finished task as sent');
    equal(finished.files.length, 2, 'files');
    ok(core.isTerminal(finished), 'isTerminal');
  });

  test('submitTask creates a task', async () => {
    const { simulator, client } = setup();
    const submitted = await client.submitTask({ model: 'sora-2', input: { prompt: 'waves' } });
    ok(simulator.getTask(submitted.task_id), 'the task exists');
    equal(submitted.status, 'not_started', 'submitted status');
  });

  test('each HTTP error maps to its class, with the right number of requests', async () => {
    const cases: [number, string, number][] = [
      [400, 'BadRequestError', 1],
      [401, 'AuthenticationError', 1],
      [402, 'InsufficientCreditsError', 1],
      [403, 'PermissionDeniedError', 1],
      [404, 'NotFoundError', 1],
      [429, 'RateLimitError', 3],
      [500, 'InternalServerError', 3],
      [503, 'InternalServerError', 3],
    ];
    for (const [status, name, requests] of cases) {
      const { simulator, client, run } = setup({ maxRetries: 2 });
      simulator.inject({ type: 'status', status, times: Infinity });
      const error = await rejects(run(client.getTask('task-1')), `HTTP ${status}`);
      isError(error, name, { status, operation: 'getTask', taskId: 'task-1' }, `HTTP ${status}`);
      ok(core.VidgoError.is(error) && error instanceof core.VidgoAPIError, `HTTP ${status} is a VidgoAPIError`);
      equal(simulator.requests.length, requests, `requests for HTTP ${status}`);
    }
  });

  test('transport failures and bad input have their own classes', async () => {
    const dropped = setup({ maxRetries: 1 });
    dropped.simulator.inject({ type: 'drop', times: Infinity });
    isError(await rejects(dropped.run(dropped.client.getTask('t')), 'drop'), 'ConnectionError', {}, 'drop');
    equal(dropped.simulator.requests.length, 2, 'a dropped connection is retried');

    const hung = setup({ maxRetries: 0, timeoutMs: 5000 });
    hung.simulator.inject({ type: 'hang' });
    isError(await rejects(hung.run(hung.client.getTask('t')), 'hang'), 'RequestTimeoutError', {}, 'hang');

    const garbled = setup({ maxRetries: 0 });
    garbled.simulator.inject({ type: 'malformed' });
    const invalid = await rejects(garbled.run(garbled.client.getTask('t')), 'malformed');
    isError(invalid, 'InvalidResponseError', { rawBody: 'not json' }, 'malformed');

    const { simulator, client } = setup();
    isError(await rejects(client.getTask('..'), 'traversal'), 'InvalidTaskIdError', {}, 'traversal');
    equal(simulator.requests.length, 0, 'requests for an invalid id');
    let configuration: unknown;
    try {
      core.createVidgoClient({ baseUrl: 'ftp://x' });
    } catch (error) {
      configuration = error;
    }
    isError(configuration, 'ConfigurationError', {}, 'bad baseUrl');
  });

  test('retries honour Retry-After on the clock', async () => {
    const { simulator, client, clock, run } = setup();
    const id = simulator.createTask();
    simulator.inject({ type: 'status', status: 429, retryAfter: 7 });
    const start = clock.now();
    await run(client.getTask(id));
    equal(
      simulator.requests.map((request) => request.at - start),
      [0, 7000],
      'request times',
    );
  });

  test('submitTask is never sent twice after a server error', async () => {
    const { simulator, client, run } = setup();
    simulator.inject({ type: 'status', status: 502, route: 'submit', times: Infinity });
    isError(
      await rejects(run(client.submitTask({ model: 'gpt-image-2', input: { prompt: 'x' } })), 'submit 502'),
      'InternalServerError',
      {},
      'submit 502',
    );
    equal(simulator.requests.length, 1, 'submit requests');
  });

  test('abort: before sending nothing goes out; during a request it rejects with the reason', async () => {
    const { simulator, client, clock } = setup();
    const reason = new Error('left');
    equal(
      await rejects(client.getTask('t', { signal: AbortSignal.abort(reason) }), 'pre-aborted'),
      reason,
      'rejection',
    );
    equal(simulator.requests.length, 0, 'requests when pre-aborted');
    simulator.inject({ type: 'hang' });
    const controller = new AbortController();
    const pending = rejects(client.getTask('t', { signal: controller.signal }), 'aborted mid-request');
    await clock.advance(100);
    controller.abort(reason);
    equal(await pending, reason, 'rejection mid-request');
    equal(clock.pendingTimers, 0, 'timers left');
  });

  test('the API key appears in no error', async () => {
    const { simulator, client, run } = setup({ maxRetries: 0 });
    for (const fault of [
      { type: 'status', status: 401 },
      { type: 'status', status: 502, body: 'html' },
      { type: 'drop' },
      { type: 'truncated' },
    ] as const) {
      simulator.inject(fault);
      const error = (await rejects(run(client.getTask('t')), fault.type)) as Record<string, unknown>;
      const rendered = [
        String(error),
        JSON.stringify(error),
        JSON.stringify(error.headers ?? {}),
        String(error.rawBody ?? ''),
      ].join(' ');
      ok(!rendered.includes(KEY), `the key leaked after ${JSON.stringify(fault)}`);
    }
  });

  test('waitForTask returns the finished task; failures and deadlines have their errors', async () => {
    const { simulator, client, run } = setup();
    const id = simulator.createTask({ model: 'sora-2', durationMs: 150_000 });
    const changes: string[] = [];
    const task = await run(
      client.waitForTask(id, { model: 'sora-2', onProgress: (task) => changes.push(task.status) }),
    );
    equal(task.status, 'finished', 'waited status');
    equal(changes[0], 'not_started', 'first change');
    ok(simulator.requests.length <= 10, `requests for one video: ${simulator.requests.length}`);

    const failed = simulator.createTask({ outcome: 'failed', errorMessage: 'nope' });
    isError(
      await rejects(run(client.waitForTask(failed)), 'failed'),
      'TaskFailedError',
      { taskId: failed, errorMessage: 'nope' },
      'failed',
    );

    const slow = simulator.createTask({ durationMs: 3_600_000 });
    const late = await rejects(run(client.waitForTask(slow, { timeoutMs: 60_000 })), 'deadline');
    isError(late, 'WaitTimeoutError', { taskId: slow }, 'deadline');
    equal(JSON.parse(JSON.stringify((late as { state: unknown }).state)).taskId, slow, 'serialisable state');
  });

  test('watchTask yields each change and stops polling when left', async () => {
    const { simulator, client, clock, run } = setup();
    const id = simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const statuses: string[] = [];
    await run(
      (async () => {
        for await (const task of client.watchTask(id)) statuses.push(`${task.status} ${task.progress}`);
      })(),
    );
    equal(statuses, ['not_started 0', 'running 0', 'running 45', 'finished 100'], 'changes');

    const other = simulator.createTask({ durationMs: 200_000 });
    await run(
      (async () => {
        for await (const task of client.watchTask(other)) if (task) break;
      })(),
    );
    const sent = simulator.requests.length;
    await clock.advance(300_000);
    equal(simulator.requests.length, sent, 'requests after leaving the loop');
    equal(clock.pendingTimers, 0, 'timers left');
  });

  test('a TaskPool stays within its budget', async () => {
    const { simulator, client, clock, run } = setup();
    const pool = new core.TaskPool(client, { maxRequestsPerSecond: 4, clock });
    const ids = Array.from({ length: 12 }, () => simulator.createTask({ durationMs: 20_000 }));
    const tasks = await run(Promise.all(ids.map((id) => pool.add(id))));
    equal(
      tasks.map((task) => task.status),
      ids.map(() => 'finished'),
      'pool results',
    );
    const times = simulator.requests.map((request) => request.at);
    for (let index = 4; index < times.length; index++)
      ok(times[index]! - times[index - 4]! >= 1000, 'more than 4 requests in one second');
  });
}
