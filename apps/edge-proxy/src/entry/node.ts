import { buildInProcessProxy, loadSharedMode } from '../node-proxy.ts';
import { startNodeServer } from '../node-server.ts';
import { readSettings, type Settings, SettingsError } from '../settings.ts';
import { nodeSseResponse } from '../watch/node-sse.ts';

let settings: Settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`edge-proxy: ${error.message}`);
  process.exit(1);
}

const shared = await loadSharedMode(settings);
const { app, runtime, embedded, log } = buildInProcessProxy(settings, {
  sse: nodeSseResponse,
  ...(shared ? { shared } : {}),
});
// Shared mode: join Redis before serving (a replica that cannot reach it serves in-process, degraded).
await runtime.shared?.ready(3000);
let started: Awaited<ReturnType<typeof startNodeServer>>;
try {
  started = await startNodeServer({
    fetch: app.fetch,
    hostname: settings.host,
    port: settings.port,
    limits: settings.limits,
    log,
  });
} catch (error) {
  const { code, message } = error as NodeJS.ErrnoException;
  console.error(
    `edge-proxy: cannot listen on ${settings.host}:${settings.port}: ${code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : message}`,
  );
  process.exit(1);
}
const { server, url } = started;
log('info', `listening on ${url}${embedded ? ' (embedded simulator: open it in a browser and create a task)' : ''}`);

let stopping = false;
const stop = () => {
  if (stopping) process.exit(130);
  stopping = true;
  // Leases handed back first, so that the other replicas take over at once.
  void (runtime.shared?.releaseLeases() ?? Promise.resolve()).finally(() => {
    runtime.hub.close();
    void runtime.shared?.close();
    server.close(() => process.exit(0));
  });
  // Open SSE streams would hold close() forever: they were just ended, but do not wait on stragglers.
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
