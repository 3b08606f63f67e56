import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { nodeSseResponse } from '../../src/watch/node-sse.ts';
import { proxyHarness } from './proxy-harness.ts';

const servers = new Set<Server>();
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers.clear();
});

/**
 * The harness's proxy as entry/node.ts serves it: @hono/node-server on 127.0.0.1, streams written
 * to Node's response. Requests go over real HTTP; upstream is still the simulator on its virtual
 * clock. Closed after each test.
 */
export async function proxyOverHttp(...[env, simulatorOptions]: Parameters<typeof proxyHarness>) {
  const harness = proxyHarness(env, simulatorOptions, { sse: nodeSseResponse });
  const server = serve({ fetch: harness.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  servers.add(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...harness,
    origin,
    request: (path: string, init?: RequestInit) => fetch(new URL(path, origin), init),
    /** Open connections to the proxy: a viewer who left has closed its own. */
    connections: () => new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
  };
}

/** Waits, in real time, for what real sockets deliver when they do (a closed connection, bytes read). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
