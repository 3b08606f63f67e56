// `deno task start`: the same app on Deno.serve.
import { buildInProcessProxy, loadSharedMode } from '../node-proxy.ts';
import { readSettings, SETTING_NAMES, type Settings, SettingsError } from '../settings.ts';

// The slice of the Deno namespace this entrypoint uses, so it type-checks without Deno's types.
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen(address: { hostname: string; port: number }): void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
};

let settings: Settings;
try {
  // Each variable by name: the entrypoint runs with --allow-env for these and no others.
  settings = readSettings(Object.fromEntries(SETTING_NAMES.map((name) => [name, Deno.env.get(name)])));
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`edge-proxy: ${error.message}`);
  Deno.exit(1);
}

let shared: Awaited<ReturnType<typeof loadSharedMode>>;
try {
  shared = await loadSharedMode(settings);
} catch (error) {
  if ((error as Error).name !== 'NotCapable') throw error;
  // ioredis's `debug` lists the whole environment as it loads, which `deno task start` does not grant.
  console.error('edge-proxy: shared mode (REDIS_URL) on Deno needs the environment: run `deno task start:shared`');
  Deno.exit(1);
}
const { app, runtime, embedded, log } = buildInProcessProxy(settings, {
  ...(shared ? { shared } : {}),
  clientAddress: (_request, env) => (env as { remoteAddr?: { hostname: string } } | undefined)?.remoteAddr?.hostname,
});
await runtime.shared?.ready(3000);
const server = Deno.serve(
  {
    hostname: settings.host,
    port: settings.port,
    onListen: ({ hostname, port }) =>
      log(
        'info',
        `listening on http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}${embedded ? ' (embedded simulator: open it in a browser and create a task)' : ''}`,
      ),
  },
  (request, info) => app.fetch(request, { remoteAddr: info.remoteAddr }),
);

let stopping = false;
const stop = () => {
  if (stopping) Deno.exit(130);
  stopping = true;
  void (runtime.shared?.releaseLeases() ?? Promise.resolve()).finally(() => {
    runtime.hub.close();
    void runtime.shared?.close();
    void server.shutdown().then(() => Deno.exit(0));
  });
  setTimeout(() => Deno.exit(0), 2000);
};
Deno.addSignalListener('SIGINT', stop);
Deno.addSignalListener('SIGTERM', stop);
