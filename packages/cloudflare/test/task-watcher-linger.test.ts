// TaskWatcher: the watch outlives its last viewer for `lingerMs`, without polling, so that a reload
// or an EventSource reconnect finds it; then it stops as if nobody had come. And viewers only listen.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, openWebSocket, summary } from './support/subscribers.ts';
import { freshId, resetWatcherOptions, useSimulator, watcherOptions } from './support/upstream.ts';
import { pollsOf, snapshot, storedKeys, until, watcherOf } from './support/watchers.ts';

function watchedTask() {
  const simulator = useSimulator();
  const id = simulator.createTask({ id: freshId(), queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' });
  const path = `/watch?taskId=${encodeURIComponent(id)}`;
  return { simulator, path, stub: watcherOf(id), polls: () => pollsOf(simulator, id) };
}

/** Waits until the watcher has noticed that nobody watches. */
async function untilAlone(stub: DurableObjectStub): Promise<void> {
  await until(async () => {
    const { subscribers } = await snapshot(stub);
    return subscribers.webSockets + subscribers.eventStreams === 0;
  }, 'the last viewer to be gone');
}

const stopped = async (stub: DurableObjectStub) =>
  (await snapshot(stub)).alarm === null && (await storedKeys(stub)).length === 0;

afterEach(() => resetWatcherOptions());

describe('TaskWatcher: lingering after the last viewer', () => {
  it('lingers 10 s by default; a viewer back by then costs no poll and is not told again what it saw', async () => {
    const { simulator, path, stub, polls } = watchedTask();
    const socket = await openWebSocket(stub, path);
    const seen = await socket.next();
    const { alarm: nextPoll } = await snapshot(stub);
    await socket.leave();
    await untilAlone(stub);
    const { alarm: lingerEnd } = await snapshot(stub);
    expect(lingerEnd! - Date.now()).toBeGreaterThan(8000);
    expect(lingerEnd! - Date.now()).toBeLessThanOrEqual(10_000);
    // The page reloads: an EventSource that remembers the last event id.
    const again = await openEventStream(stub, path, { 'last-event-id': seen.id! });
    await expect(again.next(200)).rejects.toThrow(/no message/);
    expect(polls()).toBe(1);
    expect((await snapshot(stub)).alarm).toBe(nextPoll);
    // The watch carries on where it was.
    await simulator.advance(11_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(summary(await again.next())).toBe('running 45');
    expect(polls()).toBe(2);
  });

  it('stops when nobody comes back: no poll in the meantime, no alarm, nothing stored', async () => {
    Object.assign(watcherOptions, { lingerMs: 300 });
    const { path, stub, polls } = watchedTask();
    const socket = await openWebSocket(stub, path);
    await socket.next();
    await socket.leave();
    await untilAlone(stub);
    // An alarm that runs before the linger's end does not end it, nor poll.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await snapshot(stub)).alarm).not.toBeNull();
    // The real alarm at the linger's end.
    await until(() => stopped(stub), 'the watch to stop', 3000);
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(polls()).toBe(1);
  });

  it('notices an SSE viewer who left at the next write (one more poll at most), then lingers and stops', async () => {
    Object.assign(watcherOptions, { lingerMs: 300 });
    const { simulator, path, stub, polls } = watchedTask();
    const viewer = await openEventStream(stub, path);
    await viewer.next();
    await viewer.leave();
    await simulator.advance(5000);
    // workerd tells a stream's source that its reader is gone only when something is written.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await untilAlone(stub);
    await until(() => stopped(stub), 'the watch to stop', 3000);
    expect(polls()).toBe(2);
  });
});

describe('TaskWatcher: viewers only listen', () => {
  it('closes a WebSocket viewer that sends anything with 1008, at no upstream cost, and keeps the others', async () => {
    const { path, stub, polls } = watchedTask();
    const chatty = await openWebSocket(stub, path);
    const quiet = await openWebSocket(stub, path);
    await Promise.all([chatty.next(), quiet.next()]);
    for (let message = 0; message < 20; message++) chatty.say(`hello ${message}`);
    expect(await chatty.ended).toBe(1008);
    await until(async () => (await snapshot(stub)).subscribers.webSockets === 1, 'the chatty socket to be gone');
    expect(polls()).toBe(1);
    const { alarm } = await snapshot(stub);
    // Still a poll's alarm (the tests' interval is 60 s), not a linger's end.
    expect(alarm! - Date.now()).toBeGreaterThan(30_000);
  });
});
