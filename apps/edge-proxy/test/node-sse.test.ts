import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { nodeSseResponse } from '../src/watch/node-sse.ts';

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
});
