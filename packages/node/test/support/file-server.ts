import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  url: string;
  /** Paths requested, with their query strings. */
  requests: string[];
  close(): Promise<void>;
}

export type Route = (response: ServerResponse) => void;

/** A storage stand-in on 127.0.0.1: each path answers as its route says; others 404. */
export async function startFileServer(routes: Record<string, Route>): Promise<FileServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (route) return route(response);
    response.writeHead(404, 'Not Found').end('no such file');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Serves `bytes` with a Content-Length, in chunks of 64 kB. */
export const serveBytes =
  (bytes: Uint8Array): Route =>
  (response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength });
    for (let offset = 0; offset < bytes.byteLength; offset += 65_536)
      response.write(bytes.subarray(offset, offset + 65_536));
    response.end();
  };
