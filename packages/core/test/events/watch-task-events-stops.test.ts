import { VirtualClock } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { watchTaskEvents, type WatchTaskEventsOptions } from '../../src/index.ts';
import { follow, PROXY, TOKEN } from './support/follow.ts';
import { scriptedProxy, taskEvent } from './support/scripted-proxy.ts';

describe('watchTaskEvents: how it stops', () => {
  it.each([
    [401, 'AuthenticationError'],
    [403, 'PermissionDeniedError'],
    [404, 'NotFoundError'],
    [429, 'RateLimitError'],
  ])('stops at once on a %i, with its class', async (status, name) => {
    const answer = {
      status,
      headers: { 'content-type': 'application/json', 'retry-after': '10' },
      pieces: [[0, `{"detail":"no (${TOKEN})"}`]] as [number, string][],
    };
    const { error, times } = await follow([answer], { token: TOKEN });
    expect(error).toMatchObject({ name, status, taskId: 'task-1', body: { detail: 'no ([redacted])' } });
    if (status === 429) expect(error).toMatchObject({ retryAfterMs: 10_000 });
    expect(times).toEqual([0]);
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
  });

  it('ends with a WatchFailedError when the proxy gives up; reconnects when it hit its own time limit', async () => {
    const failed = await follow([
      {
        pieces: [[0, `${taskEvent('e1.1', 'running', 10)}event: watch-failed\ndata: {"detail":"Vidgo is down"}\n\n`]],
      },
    ]);
    expect(failed.error).toMatchObject({
      name: 'WatchFailedError',
      code: 'watch_failed',
      taskId: 'task-1',
      detail: 'Vidgo is down',
    });
    expect(String(failed.error)).toContain('Vidgo is down');
    expect(failed.tasks).toEqual(['running 10']);

    const timedOut = await follow([
      { pieces: [[0, `${taskEvent('e1.1', 'running', 10)}event: watch-failed\ndata: {"code":"wait_timeout"}\n\n`]] },
      { pieces: [[0, taskEvent('e2.1', 'finished', 100)]] },
    ]);
    expect(timedOut.error).toBeUndefined();
    expect(timedOut.tasks).toEqual(['running 10', 'finished 100']);
  });

  it('an abort ends it with the reason, closing the stream and leaving no timer', async () => {
    const controller = new AbortController();
    const reason = new Error('left the page');
    const clock = new VirtualClock();
    const proxy = scriptedProxy(clock, [{ pieces: [[0, taskEvent('e1.1', 'running', 10)]], open: true }]);
    const events = watchTaskEvents(PROXY, 'task-1', { fetch: proxy.fetch, clock, signal: controller.signal });
    await expect(clock.run(events.next())).resolves.toMatchObject({ value: { status: 'running' } });
    const next = events.next();
    await clock.advance(1000);
    controller.abort(reason);
    await expect(next).rejects.toBe(reason);
    expect(proxy.bodies.open).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an abort before the first step sends nothing', async () => {
    const reason = new Error('gone already');
    const { error, proxy } = await follow([{ pieces: [[0, taskEvent('e1.1', 'running', 10)]] }], {
      signal: AbortSignal.abort(reason),
    });
    expect(error).toBe(reason);
    expect(proxy.requests).toEqual([]);
  });

  it('an error body that never ends is cut after idleTimeoutMs: the 4xx still arrives typed, at once', async () => {
    const { error, times } = await follow([{ status: 404, pieces: [[0, '{"detail":']], open: true }], {
      idleTimeoutMs: 5000,
    });
    expect(error).toMatchObject({ name: 'NotFoundError', status: 404, rawBody: '' });
    expect(times).toEqual([0]);
  });

  it('leaving the loop closes the stream', async () => {
    const clock = new VirtualClock();
    const proxy = scriptedProxy(clock, [{ pieces: [[0, taskEvent('e1.1', 'running', 10)]], open: true }]);
    await clock.run(
      (async () => {
        for await (const task of watchTaskEvents(PROXY, 'task-1', { fetch: proxy.fetch, clock })) {
          expect([task.status, proxy.bodies.open]).toEqual(['running', 1]);
          break;
        }
      })(),
    );
    expect(proxy.bodies.open).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses bad input before any request, quoting no token', async () => {
    const bad: [string, string, WatchTaskEventsOptions, string][] = [
      [PROXY, '..', {}, 'InvalidTaskIdError'],
      ['ftp://proxy', 'task-1', {}, 'ConfigurationError'],
      [PROXY, 'task-1', { token: 'secret\nx' }, 'ConfigurationError'],
      [PROXY, 'task-1', { maxRetries: -1 }, 'ConfigurationError'],
      [PROXY, 'task-1', { idleTimeoutMs: 0 }, 'ConfigurationError'],
    ];
    const clock = new VirtualClock();
    const proxy = scriptedProxy(clock, []);
    for (const [url, id, options, name] of bad) {
      const error = await watchTaskEvents(url, id, { fetch: proxy.fetch, ...options })
        .next()
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name, operation: 'watchTaskEvents' });
      expect(String(error)).not.toContain('secret');
    }
    expect(proxy.requests).toEqual([]);
  });
});
