// A child of bench/proxy.ts on Bun: the proxy as entry/bun.ts serves it (startBunServer, with its
// limits, streams as web streams), reaching the simulator over real HTTP.
import { bunClientAddress, startBunServer } from '../src/bun-server.ts';
import { answerAsProxy, buildBenchProxy } from './proxy-probe.ts';

const proxy = await buildBenchProxy({ clientAddress: bunClientAddress });
const { server, url } = startBunServer({
  fetch: (request, env) => proxy.app.fetch(request, env),
  hostname: '127.0.0.1',
  port: 0,
  limits: proxy.settings.limits,
  log: proxy.log,
});

answerAsProxy(proxy, {
  url,
  // Bun counts requests in flight, an open event stream among them; it does not count idle connections.
  connections: () => server.pendingRequests,
  close: () => server.stop(true),
});
