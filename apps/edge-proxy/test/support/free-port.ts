import { createServer, type AddressInfo } from 'node:net';

/** A free TCP port on 127.0.0.1, for what must be told its port (wrangler, redis-server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
