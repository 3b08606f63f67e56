// A child of bench/proxy.ts: the proxy as entry/node.ts serves it (buildInProcessProxy on
// @hono/node-server, streams written to Node's response), reaching the simulator over real HTTP.
// It runs alone in its process, so its memory is the proxy's own.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeSseResponse } from '../src/watch/node-sse.ts';
import { answerAsProxy, buildBenchProxy } from './proxy-probe.ts';

const proxy = await buildBenchProxy({ sse: nodeSseResponse });

// Plain HTTP/1.1, as entry/node.ts serves it.
const server = serve({ fetch: proxy.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const { port } = server.address() as AddressInfo;

answerAsProxy(proxy, {
  url: `http://127.0.0.1:${port}`,
  connections: () =>
    new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    ),
  close: async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});
