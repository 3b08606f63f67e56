import type { Server } from 'node:http';
import { buildInProcessProxy, loadSharedMode } from '../node-proxy.ts';
import { startNodeServer } from '../node-server.ts';
import { shutdownOnSignals } from '../ops/process-signals.ts';
import { startMetricsServer } from '../ops/node-metrics-server.ts';
import { settingsFailureLine } from '../ops/settings-failure.ts';
import { readSettings, type Settings, SettingsError } from '../settings.ts';
import { nodeSseResponse } from '../watch/node-sse.ts';

let settings: Settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(settingsFailureLine(process.env.LOG_FORMAT, error.message));
  process.exit(1);
}

const shared = await loadSharedMode(settings);
const { app, runtime, embedded, log, metrics, hooks } = buildInProcessProxy(settings, {
  sse: nodeSseResponse,
  processMetrics: true,
  ...(shared ? { shared } : {}),
});
// Shared mode: join Redis before serving (a replica that cannot reach it serves in-process, degraded).
await runtime.shared?.ready(3000);
const listen = async (setting: string, host: string, port: number, start: () => Promise<Server>) => {
  try {
    return await start();
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    console.error(
      settingsFailureLine(
        settings.ops.logFormat,
        `cannot listen on ${host}:${port}: ${code === 'EADDRINUSE' ? `the port is in use (set ${setting})` : message}`,
      ),
    );
    process.exit(1);
  }
};
let url = '';
const server = await listen('PORT', settings.host, settings.port, async () => {
  const started = await startNodeServer({
    fetch: app.fetch,
    hostname: settings.host,
    port: settings.port,
    limits: settings.limits,
    log,
  });
  url = started.url;
  return started.server;
});
const { metricsPort, metricsHost } = settings.ops;
const metricsServer =
  metricsPort === undefined
    ? undefined
    : await listen('METRICS_PORT', metricsHost, metricsPort, () =>
        startMetricsServer({ metrics, host: metricsHost, port: metricsPort, log }),
      );
log('info', `listening on ${url}${embedded ? ' (embedded simulator: open it in a browser and create a task)' : ''}`);

const closed = (target: Server) => new Promise<void>((resolve) => target.close(() => resolve()));
shutdownOnSignals(
  {
    stopAccepting: async () => {
      // Scrapes carry no request worth waiting for: the metrics port goes at once.
      metricsServer?.closeAllConnections();
      await Promise.all([closed(server), metricsServer && closed(metricsServer)]);
    },
    endStreams: (reconnectAfterMs) => runtime.hub.close({ reconnectAfterMs }),
    closeIdle: () => server.closeIdleConnections(),
    forceClose: () => server.closeAllConnections(),
  },
  { log, hooks, requestTimeoutMs: settings.limits.requestTimeoutMs },
);
