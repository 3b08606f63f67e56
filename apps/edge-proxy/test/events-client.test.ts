// The core's events client against the real proxy app: the wire it reads is the one the proxy
// writes (ids, `retry:`, the end after the terminal task), and what it is refused arrives typed.
import { createTaskToken } from '@vidgo-sdk/task-token';
import { type Task, watchTaskEvents, type WatchTaskEventsOptions } from '@vidgo-sdk/core';
import { describe, expect, it } from 'vitest';
import { proxyHarness } from './support/proxy-harness.ts';
import { proxyOverHttp } from './support/served-over-http.ts';

const TASK_TOKEN_SECRET = 'events-client-test-secret-0123456789abcdef';
const PROXY = 'http://proxy.test';
const changes = (tasks: Task[]) => tasks.map((task) => `${task.status} ${task.progress}`);

/** A proxy that serves only per-task tokens, a task on it, and that task's token. */
async function proxyWithTask() {
  const proxy = proxyHarness({ TASK_TOKEN_SECRET });
  const id = proxy.simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
  const token = await createTaskToken(id, { secret: TASK_TOKEN_SECRET, now: proxy.clock.now });
  return { ...proxy, id, token };
}

async function collect(events: AsyncIterable<Task>): Promise<Task[]> {
  const tasks: Task[] = [];
  for await (const task of events) tasks.push(task);
  return tasks;
}

describe('watchTaskEvents through the edge proxy', () => {
  it('follows a task with its per-task token, sent as a header, to the terminal task', async () => {
    const { app, clock, run, id, token } = await proxyWithTask();
    const sent: Request[] = [];
    const options: WatchTaskEventsOptions = {
      token,
      clock,
      fetch: async (input, init) => {
        sent.push(new Request(input, init));
        return clock.track(app.request(new Request(input, init)));
      },
    };
    const tasks = await run(collect(watchTaskEvents(PROXY, id, options)));
    expect(changes(tasks)).toEqual(['not_started 0', 'running 0', 'running 45', 'finished 100']);
    expect(sent.map((request) => [new URL(request.url).pathname, request.headers.get('authorization')])).toEqual([
      [`/api/generate/status/${id}/events`, `Bearer ${token}`],
    ]);
  });

  it('resumes a lost stream with Last-Event-ID: every change once, none missed', async () => {
    const { app, clock, run, id, token } = await proxyWithTask();
    const lastEventIds: (string | null)[] = [];
    // The first stream breaks after its second event, as a dropped connection would.
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      lastEventIds.push(request.headers.get('last-event-id'));
      const response = await clock.track(app.request(request));
      if (lastEventIds.length > 1) return response;
      let events = 0;
      const cut = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          controller.enqueue(chunk);
          events += new TextDecoder().decode(chunk).split('event: task').length - 1;
          if (events >= 2) controller.error(new TypeError('network error'));
        },
      });
      return new Response(response.body!.pipeThrough(cut), response);
    };
    const tasks = await run(collect(watchTaskEvents(PROXY, id, { token, clock, fetch, random: () => 0 })));
    expect(changes(tasks)).toEqual(['not_started 0', 'running 0', 'running 45', 'finished 100']);
    expect(lastEventIds).toHaveLength(2);
    expect(lastEventIds[1]).toMatch(/^e\w+\.2$/);
  });

  it('is refused another task with a PermissionDeniedError, after one request', async () => {
    const { app, clock, run, simulator, token } = await proxyWithTask();
    const other = simulator.createTask();
    let requests = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests++;
      return clock.track(app.request(new Request(input, init)));
    };
    const error = await run(collect(watchTaskEvents(PROXY, other, { token, clock, fetch }))).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PermissionDeniedError', status: 403, taskId: other });
    expect(JSON.stringify(error) + String(error)).not.toContain(token);
    expect(requests).toBe(1);
  });

  it("over real HTTP, with Node's fetch and the proxy's Node responses", async () => {
    const proxy = await proxyOverHttp({ TASK_TOKEN_SECRET });
    const id = proxy.simulator.createTask({ queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
    const token = await createTaskToken(id, { secret: TASK_TOKEN_SECRET, now: proxy.clock.now });
    // The client on real time (its timers never fire here); the proxy's upstream on virtual time.
    const tasks = await proxy.run(collect(watchTaskEvents(proxy.origin, id, { token })));
    expect(changes(tasks)).toEqual(['not_started 0', 'running 0', 'running 45', 'finished 100']);
  });
});
