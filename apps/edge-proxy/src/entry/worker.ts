// The proxy on Cloudflare Workers (`wrangler dev`, `wrangler deploy`): the same app, its SSE
// viewers on the TaskWatcher Durable Object.
import { createVidgoClient, TaskWatcher } from '@vidgo-sdk/cloudflare';
import { createApp } from '../create-app.ts';
import { registerDemo } from '../demo/demo-routes.ts';
import { embeddedUpstream, type EmbeddedUpstream } from '../embedded-upstream.ts';
import { createLog } from '../logger.ts';
import { readSettings, SettingsError } from '../settings.ts';
import { workersRuntime, type ProxyEnv } from '../workers-runtime.ts';

// Without VIDGO_API_KEY: one simulator per isolate, shared with the TaskWatcher running here
// (as it does under `wrangler dev`). A demo, not a deployment.
let embedded: EmbeddedUpstream | undefined;
const embeddedFor = (env: ProxyEnv) => (env.VIDGO_API_KEY ? undefined : (embedded ??= embeddedUpstream()));

/** The watcher of the proxy: upstream is Vidgo, or the embedded simulator. */
export class ProxyTaskWatcher extends TaskWatcher<ProxyEnv> {
  protected override createClient(env: ProxyEnv) {
    const simulator = embeddedFor(env);
    if (!simulator) return super.createClient(env);
    return createVidgoClient({ VIDGO_API_KEY: simulator.apiKey }, { baseUrl: simulator.baseUrl, fetch: simulator.fetch, maxRetries: 0 });
  }
}

let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: ProxyEnv, ctx: Parameters<ReturnType<typeof createApp>['fetch']>[2]) {
    if (!app) {
      let settings;
      try {
        settings = readSettings(Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));
      } catch (error) {
        if (!(error instanceof SettingsError)) throw error;
        return Response.json({ detail: `edge-proxy: ${error.message}` }, { status: 500 });
      }
      const log = createLog([settings.apiKey, settings.proxyToken, settings.callbackSecret]);
      const simulator = embeddedFor(env);
      if (simulator) log('info', 'VIDGO_API_KEY is not set: serving an embedded simulated Vidgo (no real tasks, no credits spent)');
      const runtime = workersRuntime(settings, env, log, simulator);
      runtime.extend = (proxy, { guards }) => registerDemo(proxy, { guards, ...(simulator ? { createTask: simulator.createTask } : {}) });
      app = createApp(runtime);
    }
    return app.fetch(request, env, ctx);
  },
};
