import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileStorage {
  /** `http://127.0.0.1:<port>`: the files are under `/generated/<name>`. */
  url: string;
  close(): Promise<void>;
}

/** Stands in for Vidgo's file storage: serves each file by name, with a Content-Length, on 127.0.0.1. */
export async function startFileStorage(files: ReadonlyMap<string, Uint8Array>): Promise<FileStorage> {
  const server = createServer((request, response) => {
    // The names are ours (`image-1.png`…): nothing to decode.
    const name = new URL(request.url ?? '/', 'http://storage').pathname.replace(/^\/generated\//, '');
    const bytes = files.get(name);
    if (!bytes) return void response.writeHead(404).end('no such file');
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.byteLength }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
