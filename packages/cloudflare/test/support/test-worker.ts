// The Worker the workerd tests run against: the README's wiring, with the simulator as upstream.
import {
  cachedGetTask,
  createVidgoClient,
  TaskWatcher,
  VidgoError,
  watchTaskEvents,
  type TaskWatcherOptions,
  type VidgoEnv,
} from '../../src/index.ts';
import { clientOptions, upstream, watcherOptions } from './upstream.ts';

export interface TestEnv extends VidgoEnv {
  TASK_WATCHER: DurableObjectNamespace;
}

/** Polls the simulator, with the options the test set. */
export class TestTaskWatcher extends TaskWatcher<TestEnv> {
  protected override readonly options: TaskWatcherOptions = watcherOptions;
  protected override createClient(env: TestEnv) {
    return createVidgoClient(env, { maxRetries: 0, fetch: upstream.fetch, ...clientOptions });
  }
}

export default {
  async fetch(request: Request, env: TestEnv, ctx: ExecutionContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    const events = /^\/api\/generate\/status\/([^/]+)\/events$/.exec(pathname);
    if (events) return watchTaskEvents(env.TASK_WATCHER, decodeURIComponent(events[1]!), request);
    const status = /^\/api\/generate\/status\/([^/]+)$/.exec(pathname);
    if (status) {
      try {
        const task = await cachedGetTask(
          createVidgoClient(env, { fetch: upstream.fetch }),
          decodeURIComponent(status[1]!),
          { ctx },
        );
        return Response.json({ code: 200, data: task });
      } catch (error) {
        const code = VidgoError.is(error) ? error.code : 'internal';
        return Response.json({ detail: code }, { status: code === 'not_found' ? 404 : 502 });
      }
    }
    return new Response('not found', { status: 404 });
  },
} satisfies ExportedHandler<TestEnv>;
