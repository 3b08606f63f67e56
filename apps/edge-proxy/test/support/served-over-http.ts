import type { Server } from 'node:http';
import { afterEach } from 'vitest';
import { nodeClientAddress } from '../../src/node-proxy.ts';
import { startNodeServer } from '../../src/node-server.ts';
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
 * The harness's proxy as entry/node.ts serves it (`startNodeServer` on 127.0.0.1, its timeouts
 * and connection cap from the settings, streams written to Node's response). Requests go over
 * real HTTP and clients are known by their socket's address; upstream is still the simulator on
 * its virtual clock. Closed after each test.
 */
export async function proxyOverHttp(...[env, simulatorOptions]: Parameters<typeof proxyHarness>) {
  const harness = proxyHarness(env, simulatorOptions, { sse: nodeSseResponse, clientAddress: nodeClientAddress });
  const { server, url: origin } = await startNodeServer({
    fetch: harness.app.fetch,
    hostname: '127.0.0.1',
    port: 0,
    limits: harness.runtime.settings.limits,
    log: harness.runtime.log,
    checkIntervalMs: 100,
  });
  servers.add(server);
  return {
    ...harness,
    origin,
    request: (path: string, init?: RequestInit) => fetch(new URL(path, origin), init),
    /** Open connections to the proxy: a viewer who left has closed its own. */
    connections: () =>
      new Promise<number>((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
  };
}

/** Waits, in real time, for what real sockets deliver when they do (a closed connection, bytes read). */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
