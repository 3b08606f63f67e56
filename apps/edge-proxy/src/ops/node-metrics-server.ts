import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../logger.ts';
import { announceMetrics } from './metrics-address.ts';
import { metricsOnlyFetch } from './metrics-route.ts';
import type { ProxyMetrics } from './proxy-metrics.ts';

/** `METRICS_PORT` on Node: its own small server, `/metrics` only. Rejects when it cannot bind. */
export async function startMetricsServer(options: {
  metrics: ProxyMetrics;
  host: string;
  port: number;
  log: Log;
}): Promise<Server> {
  const server = serve({
    fetch: metricsOnlyFetch(options.metrics),
    hostname: options.host,
    port: options.port,
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  server.on('error', (error: NodeJS.ErrnoException) =>
    options.log('error', `metrics server error, still serving: ${error.code ?? error.message}`),
  );
  announceMetrics(options.log, options.host, (server.address() as AddressInfo).port);
  return server;
}
