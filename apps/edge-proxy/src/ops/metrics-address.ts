import { isLoopbackAddress } from '../access/client-address.ts';
import type { Log } from '../logger.ts';

/** How an address reads in a URL (IPv6 in brackets). */
export const hostInUrl = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** Says where metrics are served, and warns when that is beyond this machine with no credential. */
export function announceMetrics(log: Log, host: string, port: number): void {
  log('info', `metrics on http://${hostInUrl(host)}:${port}/metrics`);
  if (!isLoopbackAddress(host) && host !== 'localhost')
    log(
      'warn',
      `METRICS_HOST ${host} is not loopback: whoever reaches port ${port} reads the metrics, unauthenticated`,
    );
}
