// A child of bench/proxy.ts: the fan-out with nothing of the proxy, a bare node:http server that
// holds SSE responses open and ends them all with one event, as the proxy's hub does. What it
// measures is the floor that Node's own HTTP layer and the machine's sockets set for the proxy.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FINISHED, RUNNING, SSE_HEAD } from './bare-events.ts';
import { answerParent } from './bench-child.ts';

export interface BareHttpInfo {
  url: string;
  /** The runtime and its version, for the report: `Node v20.20.2`. */
  runtime: string;
}

export interface BareFanOut {
  /** When the loop that ends every response began, epoch ms. */
  at: number;
  /** How long that loop took. */
  loopMs: number;
}

const open = new Set<ServerResponse>();
const server = createServer((_request, response) => {
  response.writeHead(200, SSE_HEAD);
  response.write(RUNNING);
  open.add(response);
  response.once('close', () => open.delete(response));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

answerParent(
  {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    runtime: `Node ${process.version}`,
  } satisfies BareHttpInfo,
  {
    open: () => open.size,
    endAll: (): BareFanOut => {
      const responses = [...open];
      open.clear();
      const at = Date.now();
      for (const response of responses) response.end(FINISHED);
      return { at, loopMs: Date.now() - at };
    },
  },
  async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
);
