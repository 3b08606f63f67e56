import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { nodeSseResponse } from '../src/watch/node-sse.ts';
import { sseResponse } from '../src/watch/sse-response.ts';
import type { WatchEnd } from '../src/watch/watcher.ts';

const finished: WatchEnd['last'] = {
  id: 'e1.2',
  task: { task_id: 'task-1', status: 'finished', progress: 100, files: [], created_time: '2026-11-30T08:00:00' },
};

/** The bytes of a stream that ends at once, `how`, written to a real Node response and read over HTTP. */
async function overNodeHttp(how: WatchEnd | undefined): Promise<string> {
  const server = createServer((_request, outgoing) => {
    nodeSseResponse(
      (watcher) => {
        watcher.end(how);
        return () => {};
      },
      {},
      { outgoing },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return await response.text();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('nodeSseResponse', () => {
  it('subscribes no watcher for a viewer whose connection closed before its stream began', () => {
    const subscribe = vi.fn(() => () => {});
    const outgoing = { destroyed: true, writeHead: vi.fn() } as unknown as ServerResponse;
    nodeSseResponse(subscribe, {}, { outgoing });
    expect(subscribe).not.toHaveBeenCalled();
    expect(outgoing.writeHead).not.toHaveBeenCalled();
  });

  it('is the web stream where the server hands no Node response (Deno, app.fetch)', async () => {
    const response = nodeSseResponse(
      (watcher) => {
        watcher.end();
        return () => {};
      },
      { 'x-extra': '1' },
      undefined,
    );
    expect(response.headers.get('x-extra')).toBe('1');
    expect(await response.text()).toBe('retry: 5000\n\n');
  });

  // Every way a stream ends, as an EventSource reads it: what Node's writer sends is what the web
  // stream (Deno, Workers) sends, in the same order.
  it.each<[string, WatchEnd | undefined]>([
    ['with nothing', undefined],
    ['after the terminal event', { last: finished }],
    ['with a failure', { failure: { code: 'wait_timeout', detail: 'Still running' } }],
    ['with a retry hint', { reconnectAfterMs: 1000 }],
    ['after the terminal event, with a retry hint', { last: finished, reconnectAfterMs: 1000 }],
    ['with a failure and a retry hint', { failure: { detail: 'The proxy is shutting down' }, reconnectAfterMs: 250 }],
    ['with everything', { last: finished, failure: { detail: 'gone' }, reconnectAfterMs: 1000 }],
  ])('ends a stream %s with the bytes of the web stream', async (_name, how) => {
    const web = await sseResponse((watcher) => {
      watcher.end(how);
      return () => {};
    }, {}).text();
    expect(await overNodeHttp(how)).toBe(web);
    if (how?.last) expect(web).toContain('"status":"finished"');
    if (how?.failure) expect(web).toContain('event: watch-failed');
    if (how?.reconnectAfterMs !== undefined) expect(web).toMatch(new RegExp(`retry: ${how.reconnectAfterMs}\\n\\n$`));
  });
});
