// `pnpm start:bun`: the same app on Bun.serve.
import { bunClientAddress, startBunServer } from '../bun-server.ts';
import { buildInProcessProxy } from '../node-proxy.ts';
import { shutdownOnSignals } from '../ops/process-signals.ts';
import { settingsFailureLine } from '../ops/settings-failure.ts';
import { readSettings, type Settings, SettingsError } from '../settings.ts';

let settings: Settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(settingsFailureLine(process.env.LOG_FORMAT, error.message));
  process.exit(1);
}

const { app, runtime, embedded, log, hooks } = buildInProcessProxy(settings, { clientAddress: bunClientAddress });
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
  console.error(
    settingsFailureLine(settings.ops.logFormat, `cannot listen on ${settings.host}:${settings.port}: ${reason}`),
  );
  process.exit(1);
}
const { server, url } = started;
log('info', `listening on ${url}${embedded ? ' (embedded simulator: open it in a browser and create a task)' : ''}`);

// The same shutdown as on Node and Deno: stop accepting, run the hooks, end streams with a retry hint.
shutdownOnSignals(
  {
    // Bun's stop without force lets requests in flight finish, and settles once none is left.
    stopAccepting: () => server.stop(false),
    endStreams: (reconnectAfterMs) => runtime.hub.close({ reconnectAfterMs }),
    forceClose: () => void server.stop(true),
  },
  { log, hooks, requestTimeoutMs: settings.limits.requestTimeoutMs },
);
