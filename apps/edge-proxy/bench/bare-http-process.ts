// A child of bench/proxy.ts: the fan-out with nothing of the proxy, a bare node:http server that
// holds SSE responses open and ends them all with one event, as the proxy's hub does. What it
// measures is the floor that Node's own HTTP layer and the machine's sockets set for the proxy.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerParent } from './bench-child.ts';

export interface BareHttpInfo {
  url: string;
}

export interface BareFanOut {
  /** When the loop that ends every response began, epoch ms. */
  at: number;
  /** How long that loop took. */
  loopMs: number;
}

const encoder = new TextEncoder();
// The size of the proxy's terminal event for a finished image (a file with its URLs), give or take.
const task = {
  task_id: 'bare-http',
  status: 'finished',
  progress: 100,
  files: [{ file_url: `https://files.example.com/${'x'.repeat(180)}.png`, file_type: 'image' }],
};
const RUNNING = encoder.encode(
  `id: 1\nevent: task\ndata: ${JSON.stringify({ ...task, status: 'running', progress: 50, files: [] })}\n\n`,
);
const FINISHED = encoder.encode(`id: 2\nevent: task\ndata: ${JSON.stringify(task)}\n\n`);

const open = new Set<ServerResponse>();
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
  });
  response.write(RUNNING);
  open.add(response);
  response.once('close', () => open.delete(response));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

answerParent(
  { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } satisfies BareHttpInfo,
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
