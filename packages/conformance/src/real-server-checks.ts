import { equal, isError, ok, rejects } from './assert.ts';
import type { ConformanceHarness, ConformanceTarget, RealServer } from './target.ts';

/** The checks over real HTTP, with real timers, against a simulator server the runner started. */
export function defineRealServerChecks(
  { test }: ConformanceHarness,
  { core }: ConformanceTarget,
  server: RealServer,
): void {
  const client = () => core.createVidgoClient({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 0 });

  test('over real HTTP: submit, then wait until finished', async () => {
    const vidgo = client();
    const submitted = await vidgo.submitTask({ model: 'gpt-image-2', input: { prompt: 'a fox' } });
    const task = await vidgo.waitForTask(submitted.task_id, {
      minIntervalMs: 50,
      expectedDurationMs: 300,
      timeoutMs: 10_000,
    });
    equal(task.status, 'finished', 'status');
    ok(task.files.length > 0 && task.files.every((file) => typeof file.file_url === 'string'), 'files');
  });

  test('over real HTTP: 404 and 401 arrive as their classes, without the key', async () => {
    isError(await rejects(client().getTask('task-unified-0-none'), '404'), 'NotFoundError', { status: 404 }, '404');
    const wrongKey = 'vk_wrong_conformance_key';
    const error = await rejects(core.createVidgoClient({ apiKey: wrongKey, baseUrl: server.url }).getTask('x'), '401');
    isError(error, 'AuthenticationError', { status: 401 }, '401');
    ok(!JSON.stringify(error).includes(wrongKey) && !String(error).includes(wrongKey), 'the key leaked');
  });

  test('over real HTTP: an abort during a request rejects with its reason', async () => {
    const vidgo = client();
    const { task_id } = await vidgo.submitTask({ model: 'gpt-image-2', input: { prompt: 'x' } });
    const controller = new AbortController();
    const waiting = rejects(
      vidgo.waitForTask(task_id, { signal: controller.signal, minIntervalMs: 5000 }),
      'aborted wait',
    );
    const reason = new Error('stop');
    controller.abort(reason);
    equal(await waiting, reason, 'rejection');
  });

  test('a refused connection is a ConnectionError', async () => {
    // Port 2: nothing listens there, and fetch does not block it as it blocks 1, 7, 9…
    const closed = core.createVidgoClient({
      apiKey: server.apiKey,
      baseUrl: 'http://127.0.0.1:2',
      maxRetries: 0,
      timeoutMs: 5000,
    });
    const error = await rejects(closed.getTask('t'), 'refused');
    ok(['ConnectionError', 'RequestTimeoutError'].includes((error as Error).name), `refused: got ${String(error)}`);
  });
}
