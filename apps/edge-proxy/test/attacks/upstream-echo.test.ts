import type { WireFile } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../support/proxy-harness.ts';
import { proxyWithUpstream, rewritingAnswers } from './support/custom-upstream.ts';
import { answerOf, expectNothingLeaked, PROXY_TOKEN, transports } from './support/attack-kit.ts';

// What upstream says beyond the documented fields (the submitter's callback URL, its prompt,
// anything added later) is never shown to a viewer; nor is an answer about another task.

const SERVED_FIELDS = ['task_id', 'status', 'files', 'created_time', 'progress', 'error_message'];
const HOOK_SECRET = 'hook-secret-9b7d5f3e1a';
const PROMPT = 'the customer private prompt 41c2';
const ECHOED = {
  callback_url: `https://backend.example/hooks/vidgo?secret=${HOOK_SECRET}`,
  input: { prompt: PROMPT, image_url: 'https://backend.example/private/upload.png' },
  secret: 'sk_upstream_echo_5e3c1a',
};
const authorization = `Bearer ${PROXY_TOKEN}`;

function expectOnlyServedFields(task: Record<string, unknown>) {
  expect(
    Object.keys(task).every((key) => SERVED_FIELDS.includes(key)),
    Object.keys(task).join(', '),
  ).toBe(true);
  for (const file of task.files as Record<string, unknown>[])
    expect(Object.keys(file).sort()).toEqual(['file_type', 'file_url']);
}

describe.each(transports)('an upstream answer with extra fields (%s)', (_transport, openProxy) => {
  it('is served with the documented fields only, on the status route and in every event', async () => {
    const proxy = await openProxy({ PROXY_TOKEN });
    const files = [
      { file_url: 'https://cdn.example/out.png', file_type: 'image', storage_key: 'internal/bucket/key' },
    ] as unknown as WireFile[];
    const id = proxy.simulator.createTask({
      queuedMs: 500,
      durationMs: 6000,
      progress: 'stepwise',
      files,
      extra: ECHOED,
    });
    expect(JSON.stringify(proxy.simulator.getTask(id))).toContain(HOOK_SECRET);
    const seen: string[] = [];

    const status = await answerOf(
      await proxy.request(`/api/generate/status/${id}`, { headers: { authorization } }),
      seen,
    );
    expect(status.status).toBe(200);
    expectOnlyServedFields(JSON.parse(status.body).data);

    const stream = await proxy.request(`/api/generate/status/${id}/events`, { headers: { authorization } });
    const events = await proxy.run(readEvents(stream));
    const tasks = events
      .filter((event) => event.event === 'task')
      .map((event) => JSON.parse(event.data!) as Record<string, unknown>);
    expect(tasks.at(-1)?.status).toBe('finished');
    for (const task of tasks) expectOnlyServedFields(task);
    seen.push(...events.map((event) => event.data ?? ''));

    const finished = await answerOf(
      await proxy.request(`/api/generate/status/${id}`, { headers: { authorization } }),
      seen,
    );
    expectOnlyServedFields(JSON.parse(finished.body).data);
    expectNothingLeaked(seen, proxy.logs, [HOOK_SECRET, PROMPT, ECHOED.secret, 'storage_key', 'internal/bucket']);
  });
});

describe.each(transports)("an upstream answer with another task's id (%s)", (_transport, openProxy) => {
  it('is 502 on both routes, is not cached (the next request asks again), and is logged', async () => {
    const proxy = await openProxy({ PROXY_TOKEN });
    // Finished: were it accepted, it would be cached and upstream never asked again.
    const id = proxy.simulator.createTask({
      queuedMs: 0,
      durationMs: 1,
      extra: { task_id: 'task-of-someone-else', ...ECHOED },
    });
    await proxy.clock.advance(10);
    const seen: string[] = [];
    for (const path of [
      `/api/generate/status/${id}`,
      `/api/generate/status/${id}`,
      `/api/generate/status/${id}/events`,
    ]) {
      const answer = await answerOf(await proxy.request(path, { headers: { authorization } }), seen);
      expect(answer.status, path).toBe(502);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.detail).toBe('Vidgo answered with another task');
      expect(answer.body).not.toContain('task-of-someone-else');
    }
    expect(proxy.upstreamRequests(id)).toBe(3);
    expect(proxy.logs.filter((line) => /another task's id/.test(line))).toHaveLength(3);
    expectNothingLeaked(seen, proxy.logs, [HOOK_SECRET, PROMPT, ECHOED.secret]);
  });
});

describe("another task's id in the middle of a watch (in process)", () => {
  it('ends the stream with watch-failed, and the foreign task is never sent', async () => {
    // The first two answers are right; from the third, upstream speaks of another task.
    const proxy = proxyWithUpstream(
      rewritingAnswers(
        (data) => (data.task_id = 'task-of-someone-else'),
        (call) => call >= 3,
      ),
      { PROXY_TOKEN },
    );
    const id = proxy.simulator.createTask({ queuedMs: 1000, durationMs: 60_000, progress: 'stepwise' });
    const stream = await proxy.request(`/api/generate/status/${id}/events`, { headers: { authorization } });
    expect(stream.status).toBe(200);
    const events = await proxy.run(readEvents(stream));
    expect(events.at(-1)).toEqual({
      event: 'watch-failed',
      data: JSON.stringify({ detail: 'Vidgo answered with another task' }),
    });
    expect(events.filter((event) => event.event === 'task').length).toBeGreaterThanOrEqual(1);
    expect(events.map((event) => event.data ?? '').join('\n')).not.toContain('task-of-someone-else');
    expect(proxy.logs.some((line) => /another task's id/.test(line))).toBe(true);
    expect(proxy.runtime.hub.loops).toBe(0);
  });
});
