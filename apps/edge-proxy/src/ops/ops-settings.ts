import type { LogFormat } from '../logger.ts';

/** How the proxy is operated: its log lines, and where its metrics are served. */
export interface OpsSettings {
  logFormat: LogFormat;
  /**
   * `METRICS_PORT`: `/metrics` on a port of its own, without a credential, bound to `metricsHost`,
   * and no longer on the API's port. Unset: `/metrics` on the API's port, behind its credentials.
   */
  metricsPort?: number;
  /** `METRICS_HOST`: where that port listens. Loopback unless the operator widens it. */
  metricsHost: string;
}

export const DEFAULT_OPS: OpsSettings = { logFormat: 'text', metricsHost: '127.0.0.1' };

const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/** Reads the ops settings; `port` is the API's, which the metrics port may not take. */
export function readOpsSettings(
  value: (name: string) => string | undefined,
  fail: (message: string) => never,
  port: number,
): OpsSettings {
  const logFormat = (value('LOG_FORMAT') ?? 'text').toLowerCase();
  if (!LOG_FORMATS.includes(logFormat as LogFormat))
    fail(`LOG_FORMAT must be text or json, got "${logFormat.slice(0, 20)}"`);
  const metricsHost = value('METRICS_HOST') ?? DEFAULT_OPS.metricsHost;
  if (!/^[A-Za-z0-9.:[\]_-]{1,253}$/.test(metricsHost))
    fail(`METRICS_HOST must be a host name or address, got "${metricsHost.slice(0, 100)}"`);
  const portText = value('METRICS_PORT');
  if (portText === undefined) return { logFormat: logFormat as LogFormat, metricsHost };
  const metricsPort = Number(portText);
  if (!/^\d+$/.test(portText) || metricsPort > 65_535)
    fail(`METRICS_PORT must be a port number, got "${portText.slice(0, 20)}"`);
  // Port 0 picks a free one for each: only a fixed port can collide.
  if (metricsPort !== 0 && metricsPort === port) fail(`METRICS_PORT must differ from PORT (both are ${port})`);
  return { logFormat: logFormat as LogFormat, metricsPort, metricsHost };
}
