// TaskWatcher: every viewer gets every change, and any number of viewers cost one polling loop.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openEventStream, openWebSocket, summary, type Received, type Viewer } from './support/subscribers.ts';
import { freshId, useSimulator } from './support/upstream.ts';
import { pollsOf, watcherOf } from './support/watchers.ts';

/** A task that changes at each of the steps below: queued, started, 45 %, finished. */
function stepwiseTask() {
  const simulator = useSimulator();
  const id = simulator.createTask({ id: freshId(), queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
  return { simulator, id, stub: watcherOf(id), polls: () => pollsOf(simulator, id) };
}

/** Runs the alarms, moving upstream time on between them, until the watcher stops. */
async function runUntilStopped(
  stub: DurableObjectStub,
  advance: (ms: number) => Promise<void>,
  stepMs = 6000,
): Promise<number> {
  let alarms = 0;
  for (; alarms < 20; alarms++) {
    await advance(stepMs);
    if (!(await runDurableObjectAlarm(stub))) return alarms;
  }
  throw new Error('the watcher never stopped');
}

/** What a viewer received, through the terminal task or an error. */
async function drain(viewer: Viewer): Promise<Received[]> {
  const received: Received[] = [];
  for (;;) {
    const message = await viewer.next();
    received.push(message);
    if (message.type === 'watch-failed' || ['finished', 'failed'].includes(message.task!.status)) return received;
  }
}

const CHANGES = ['not_started 0', 'running 0', 'running 45', 'finished 100'];

describe('TaskWatcher: fan-out', () => {
  it('streams each change over SSE, with event ids, and ends the stream after the finished task', async () => {
    const { simulator, id, stub } = stepwiseTask();
    const viewer = await openEventStream(stub, `/watch?taskId=${encodeURIComponent(id)}`);
    expect(viewer.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(summary(await viewer.next())).toBe('not_started 0');
    await runUntilStopped(stub, (ms) => simulator.advance(ms));
    const rest = await drain(viewer);
    expect(['not_started 0', ...rest.map(summary)]).toEqual(CHANGES);
    expect(rest.map((message) => message.id!.split('.')[1])).toEqual(['2', '3', '4']);
    expect(rest.at(-1)!.task).toEqual(simulator.getTask(id));
    expect(await viewer.ended).toBeUndefined();
  });

  it('sends each change over a WebSocket, and closes it with 1000 after the finished task', async () => {
    const { simulator, id, stub } = stepwiseTask();
    const viewer = await openWebSocket(stub, `/watch?taskId=${encodeURIComponent(id)}`);
    expect(await viewer.next()).toMatchObject({ type: 'task', task: { task_id: id, status: 'not_started' } });
    await runUntilStopped(stub, (ms) => simulator.advance(ms));
    expect(['not_started 0', ...(await drain(viewer)).map(summary)]).toEqual(CHANGES);
    expect(await viewer.ended).toBe(1000);
  });

  it('serves viewers of the SSE route, the WebSocket route and the Worker route with one poll per alarm', async () => {
    const { simulator, id, stub, polls } = stepwiseTask();
    const sse = await openEventStream(stub, `/watch?taskId=${encodeURIComponent(id)}`);
    await sse.next();
    expect(polls()).toBe(1);
    // Later viewers are told where things stand at once, without a poll.
    const socket = await openWebSocket(stub, `/api/generate/status/${encodeURIComponent(id)}/events`);
    const proxied = await openEventStream(exports.default, `/api/generate/status/${encodeURIComponent(id)}/events`);
    expect(summary(await socket.next())).toBe('not_started 0');
    expect(summary(await proxied.next())).toBe('not_started 0');
    expect(polls()).toBe(1);
    await simulator.advance(6000);
    // Each alarm is one poll, whatever the number of viewers.
    let alarms = 0;
    for (; await runDurableObjectAlarm(stub); alarms++) {
      expect(polls()).toBe(2 + alarms);
      await simulator.advance(6000);
    }
    expect(alarms).toBeGreaterThanOrEqual(3);
    const seen = await Promise.all([sse, socket, proxied].map(async (viewer) => (await drain(viewer)).map(summary)));
    expect(seen).toEqual([CHANGES.slice(1), CHANGES.slice(1), CHANGES.slice(1)]);
    expect(polls()).toBe(1 + alarms);
  });

  it('does not tell a reconnecting viewer again what it saw (Last-Event-ID)', async () => {
    const { id, stub, polls } = stepwiseTask();
    const first = await openEventStream(stub, `/watch?taskId=${encodeURIComponent(id)}`);
    const seen = await first.next();
    const again = await openEventStream(stub, `/watch?taskId=${encodeURIComponent(id)}`, { 'last-event-id': seen.id! });
    const fresh = await openEventStream(stub, `/watch?taskId=${encodeURIComponent(id)}`, {
      'last-event-id': 'other-watch.1',
    });
    expect(summary(await fresh.next())).toBe('not_started 0');
    await expect(again.next(200)).rejects.toThrow(/no message/);
    expect(polls()).toBe(1);
  });
});
