import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from './logger.ts';
import type { Limits } from './settings-limits.ts';

export interface NodeServerOptions {
  fetch: (request: Request, env: unknown) => Response | Promise<Response>;
  hostname: string;
  port: number;
  limits: Pick<Limits, 'maxConnections' | 'headersTimeoutMs' | 'requestTimeoutMs'>;
  log: Log;
  /** How often Node looks for connections past their timeouts. Default 1 s; tests go lower. */
  checkIntervalMs?: number;
}

/**
 * The proxy's HTTP server on Node: headers and requests must arrive within their timeouts (a
 * slowloris holds nothing for long), connections are capped, and once listening an error (an
 * accept that failed for want of file descriptors) is logged and survived. Only a failure to
 * bind rejects, which stops the start.
 */
export async function startNodeServer(options: NodeServerOptions): Promise<{ server: Server; url: string }> {
  const { limits, log } = options;
  const server = serve({
    fetch: options.fetch,
    hostname: options.hostname,
    port: options.port,
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: options.checkIntervalMs ?? 1000,
      // Under the default 16 KiB: no credential or id needs more, and refusing costs less.
      maxHeaderSize: 8 * 1024,
    },
  }) as Server;
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  server.removeAllListeners('error');
  server.on('error', (error: NodeJS.ErrnoException) =>
    log('error', `server error, still serving: ${error.code ?? error.message}`),
  );
  server.on('drop', () => log('warn', `connection refused: MAX_CONNECTIONS (${limits.maxConnections}) reached`));
  const { address, port } = server.address() as AddressInfo;
  return { server, url: `http://${address.includes(':') ? `[${address}]` : address}:${port}` };
}
