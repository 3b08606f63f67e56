// A child of bench/proxy.ts: the proxy as entry/node.ts serves it (buildInProcessProxy on
// @hono/node-server, streams written to Node's response), reaching the simulator over real HTTP.
// It runs alone in its process, so its memory is the proxy's own.
import { startNodeServer } from '../src/node-server.ts';
import { nodeSseResponse } from '../src/watch/node-sse.ts';
import { answerAsProxy, buildBenchProxy } from './proxy-probe.ts';

const proxy = await buildBenchProxy({ sse: nodeSseResponse });

// Plain HTTP/1.1 with the entrypoint's timeouts and connection cap, as entry/node.ts serves it.
const { server, url } = await startNodeServer({
  fetch: proxy.app.fetch,
  hostname: '127.0.0.1',
  port: 0,
  limits: proxy.settings.limits,
  log: proxy.log,
});

answerAsProxy(proxy, {
  url,
  connections: () =>
    new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    ),
  close: async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});
