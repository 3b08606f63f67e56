import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ListenOptions, SimulatorServer } from '../simulator-types.ts';
import type { Dispatch } from './engine.ts';

/** The simulator as a real HTTP server; `node:http` is loaded only here, so the entry stays portable. */
export async function listenOnNode(
  dispatch: Dispatch,
  basePath: string,
  options: ListenOptions = {},
): Promise<SimulatorServer> {
  const { createServer } = await import('node:http');
  const host = options.host ?? '127.0.0.1';
  const server = createServer((incoming, outgoing) => {
    if (options.cors) {
      // Any origin may read; no credentials are involved (the key is a header the page sets), so `*` is enough.
      outgoing.setHeader('access-control-allow-origin', '*');
      if (incoming.method === 'OPTIONS') {
        outgoing.writeHead(204, {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'authorization, content-type, last-event-id',
          'access-control-max-age': '600',
        });
        outgoing.end();
        return;
      }
    }
    serve(dispatch, incoming, outgoing).catch(() => outgoing.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}${basePath}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function serve(dispatch: Dispatch, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const controller = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableEnded) controller.abort(new Error('The client disconnected'));
  });
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Uint8Array<ArrayBuffer>);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  // Only the path matters to the engine; a fixed origin spares parsing the client's Host header.
  const request = new Request(new URL(incoming.url ?? '/', 'http://localhost'), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : new Blob(chunks),
    signal: controller.signal,
  });

  const outcome = await dispatch(request, controller.signal);
  switch (outcome.type) {
    case 'response': {
      const body = new Uint8Array(await outcome.response.arrayBuffer());
      outgoing.writeHead(
        outcome.response.status,
        outcome.response.statusText,
        Object.fromEntries(outcome.response.headers),
      );
      outgoing.end(body);
      return;
    }
    case 'drop':
      incoming.socket.destroy();
      return;
    case 'hang':
    case 'aborted':
      // Silence: the socket stays open until the client gives up or close() is called.
      return;
  }
}
