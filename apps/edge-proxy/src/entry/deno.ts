// `deno task start`: the same app on Deno.serve.
import { systemClock } from '@vidgo-sdk/core/internal';
import { buildInProcessProxy, loadSharedMode } from '../node-proxy.ts';
import { gracefulShutdown } from '../ops/graceful-shutdown.ts';
import { announceMetrics, hostInUrl } from '../ops/metrics-address.ts';
import { metricsOnlyFetch } from '../ops/metrics-route.ts';
import { settingsFailureLine } from '../ops/settings-failure.ts';
import { readSettings, SETTING_NAMES, type Settings, SettingsError } from '../settings.ts';

interface DenoServer {
  /** Stops listening, and resolves once the requests in progress are answered. */
  shutdown(): Promise<void>;
}

// The slice of the Deno namespace this entrypoint uses, so it type-checks without Deno's types.
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen(address: { hostname: string; port: number }): void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): DenoServer;
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
};

// Each variable by name: the entrypoint runs with --allow-env for these and no others.
const env = Object.fromEntries(SETTING_NAMES.map((name) => [name, Deno.env.get(name)]));
let settings: Settings;
try {
  settings = readSettings(env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(settingsFailureLine(env.LOG_FORMAT, error.message));
  Deno.exit(1);
}

let shared: Awaited<ReturnType<typeof loadSharedMode>>;
try {
  shared = await loadSharedMode(settings);
} catch (error) {
  if ((error as Error).name !== 'NotCapable') throw error;
  // ioredis's `debug` lists the whole environment as it loads, which `deno task start` does not grant.
  console.error(
    settingsFailureLine(
      settings.ops.logFormat,
      'shared mode (REDIS_URL) on Deno needs the environment: run `deno task start:shared`',
    ),
  );
  Deno.exit(1);
}
const { app, runtime, embedded, log, metrics, hooks } = buildInProcessProxy(settings, {
  ...(shared ? { shared } : {}),
  clientAddress: (_request, env) => (env as { remoteAddr?: { hostname: string } } | undefined)?.remoteAddr?.hostname,
});
/** Binds, or stops the start with one line: the port in use, or an address --allow-net does not grant. */
const listen = (setting: string, host: string, port: number, serve: () => DenoServer): DenoServer => {
  try {
    return serve();
  } catch (error) {
    const { name, message } = error as Error;
    const why = name === 'AddrInUse' ? `the port is in use (set ${setting})` : message;
    console.error(settingsFailureLine(settings.ops.logFormat, `cannot listen on ${host}:${port}: ${why}`));
    Deno.exit(1);
  }
};
// Shared mode: join Redis before serving (a replica that cannot reach it serves in-process, degraded).
await runtime.shared?.ready(3000);
const embeddedNote = embedded ? ' (embedded simulator: open it in a browser and create a task)' : '';
const server = listen('PORT', settings.host, settings.port, () =>
  Deno.serve(
    {
      hostname: settings.host,
      port: settings.port,
      onListen: ({ hostname, port }) =>
        log('info', `listening on http://${hostInUrl(hostname)}:${port}${embeddedNote}`),
    },
    (request, info) => app.fetch(request, { remoteAddr: info.remoteAddr }),
  ),
);
const { metricsPort, metricsHost } = settings.ops;
const metricsServer =
  metricsPort === undefined
    ? undefined
    : listen('METRICS_PORT', metricsHost, metricsPort, () =>
        Deno.serve(
          { hostname: metricsHost, port: metricsPort, onListen: ({ port }) => announceMetrics(log, metricsHost, port) },
          metricsOnlyFetch(metrics),
        ),
      );

const stop = gracefulShutdown(
  {
    // Deno's shutdown closes keep-alive connections itself once their request is answered.
    stopAccepting: async () => {
      await Promise.all([server.shutdown(), metricsServer?.shutdown()]);
    },
    endStreams: (reconnectAfterMs) => runtime.hub.close({ reconnectAfterMs }),
  },
  { log, hooks, clock: systemClock, exit: (code) => Deno.exit(code) },
);
Deno.addSignalListener('SIGINT', () => stop('SIGINT'));
Deno.addSignalListener('SIGTERM', () => stop('SIGTERM'));
