// `pnpm start:bun`: the same app on Bun.serve.
import { startBunServer, bunClientAddress } from '../bun-server.ts';
import { buildInProcessProxy } from '../node-proxy.ts';
import { readSettings, type Settings, SettingsError } from '../settings.ts';

let settings: Settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`edge-proxy: ${error.message}`);
  process.exit(1);
}

const { app, runtime, embedded, log } = buildInProcessProxy(settings, { clientAddress: bunClientAddress });
let started: ReturnType<typeof startBunServer>;
try {
  started = startBunServer({
    fetch: (request, env) => app.fetch(request, env),
    hostname: settings.host,
    port: settings.port,
    limits: settings.limits,
    log,
  });
} catch (error) {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : message;
  console.error(`edge-proxy: cannot listen on ${settings.host}:${settings.port}: ${reason}`);
  process.exit(1);
}
const { server, url } = started;
log('info', `listening on ${url}${embedded ? ' (embedded simulator: open it in a browser and create a task)' : ''}`);

let stopping = false;
const stop = () => {
  if (stopping) process.exit(130);
  stopping = true;
  runtime.hub.close();
  // Open event streams were just ended; close what is left rather than wait on stragglers.
  void server.stop(true).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
