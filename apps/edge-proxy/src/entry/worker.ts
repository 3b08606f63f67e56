// The proxy on Cloudflare Workers (`wrangler dev`, `wrangler deploy`): the same app, its SSE
// viewers on the TaskWatcher Durable Object.
import { createVidgoClient, TaskWatcher } from '@vidgo-sdk/cloudflare';
import type { RequestOptions } from '@vidgo-sdk/core';
import { createApp } from '../create-app.ts';
import { registerDemo } from '../demo/demo-routes.ts';
import { embeddedUpstream, type EmbeddedUpstream } from '../embedded-upstream.ts';
import { createLog } from '../logger.ts';
import { settingsFailureLine } from '../ops/settings-failure.ts';
import { readSettings, type Settings, SettingsError } from '../settings.ts';
import { cappedFetch } from '../upstream/capped-fetch.ts';
import { publicTask } from '../upstream/public-task.ts';
import { workersRuntime, type ProxyEnv } from '../workers-runtime.ts';

// Without VIDGO_API_KEY: one simulator per isolate, shared with the TaskWatcher running here
// (as it does under `wrangler dev`), and a task-token secret of the isolate's own. A demo, not a
// deployment: there is no key to protect.
let embedded: (EmbeddedUpstream & { taskTokenSecret: string }) | undefined;
const embeddedFor = (env: ProxyEnv) =>
  env.VIDGO_API_KEY
    ? undefined
    : (embedded ??= { ...embeddedUpstream(), taskTokenSecret: crypto.randomUUID() + crypto.randomUUID() });

/**
 * The watcher of the proxy: upstream is Vidgo, or the embedded simulator. Its viewers are shown
 * what the status route shows: the documented fields of the task asked for, from bodies of at
 * most 1 MiB.
 */
export class ProxyTaskWatcher extends TaskWatcher<ProxyEnv> {
  protected override createClient(env: ProxyEnv) {
    const simulator = embeddedFor(env);
    const client = simulator
      ? createVidgoClient(
          { VIDGO_API_KEY: simulator.apiKey },
          { baseUrl: simulator.baseUrl, fetch: cappedFetch(simulator.fetch), maxRetries: 0 },
        )
      : createVidgoClient(env, { maxRetries: 0, fetch: cappedFetch((input, init) => fetch(input, init)) });
    return {
      getTask: async (taskId: string, options?: RequestOptions) =>
        publicTask(await client.getTask(taskId, options), taskId),
    };
  }
}

let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: ProxyEnv, ctx: Parameters<ReturnType<typeof createApp>['fetch']>[2]) {
    if (!app) {
      let settings: Settings;
      try {
        settings = readSettings(
          Object.fromEntries(
            Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          ),
        );
      } catch (error) {
        if (!(error instanceof SettingsError)) throw error;
        // The operator reads the detail in the log (`wrangler tail`); clients learn nothing of the settings.
        console.error(
          settingsFailureLine(typeof env.LOG_FORMAT === 'string' ? env.LOG_FORMAT : undefined, error.message),
        );
        return Response.json({ detail: 'The proxy is misconfigured' }, { status: 500 });
      }
      const simulator = embeddedFor(env);
      const log = createLog(
        [
          settings.apiKey,
          settings.proxyToken,
          settings.callbackSecret,
          settings.callbackSecretPrevious,
          settings.taskTokenSecret,
          simulator?.taskTokenSecret,
        ],
        undefined,
        // Workers Logs index the fields of a JSON line.
        { format: settings.ops.logFormat },
      );
      if (simulator)
        log('info', 'VIDGO_API_KEY is not set: serving an embedded simulated Vidgo (no real tasks, no credits spent)');
      const runtime = workersRuntime(settings, env, log, simulator);
      runtime.extend = (proxy, { preAuth }) =>
        registerDemo(proxy, {
          preAuth,
          localOnly: false,
          access: runtime.access,
          ...(simulator
            ? {
                createTask: simulator.createTask,
                taskTokenSecret: settings.taskTokenSecret ?? simulator.taskTokenSecret,
              }
            : {}),
        });
      app = createApp(runtime);
    }
    return app.fetch(request, env, ctx);
  },
};
