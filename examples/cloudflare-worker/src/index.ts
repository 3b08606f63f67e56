// A Worker that submits generation tasks and streams their progress to any number of viewers:
//   POST /generate {"prompt":"…"}  → 202 {"task_id":"…","events":"/tasks/…/events"}
//   GET  /tasks/:id/events        → Server-Sent Events (or a WebSocket) from the task's TaskWatcher
//   GET  /tasks/:id               → the task; finished and failed tasks from the Cache API
// Put your own access control in front: as it stands, it spends your Vidgo key for whoever asks.
import { cachedGetTask, createVidgoClient, TaskWatcher, VidgoError, watchTaskEvents } from '@vidgo-sdk/cloudflare';

// The Durable Object class, bound as TASK_WATCHER in wrangler.jsonc: one per task, polling on alarms.
export { TaskWatcher };

export interface Env {
  VIDGO_API_KEY: string;
  VIDGO_BASE_URL?: string;
  TASK_WATCHER: DurableObjectNamespace<TaskWatcher>;
}

const MODEL = 'gpt-image-2';
const answer = (status: number, body: object) => Response.json(body, { status });
const STATUS_OF: Record<string, number> = { not_found: 404, invalid_task_id: 400, bad_request: 400, rate_limit: 429 };

async function submit(request: Request, env: Env): Promise<Response> {
  const body = await request.json().catch(() => undefined);
  const prompt = (body as { prompt?: unknown } | undefined)?.prompt;
  if (typeof prompt !== 'string' || !prompt.trim()) return answer(400, { detail: 'Send {"prompt": "…"}' });
  const { task_id } = await createVidgoClient(env).submitTask({ model: MODEL, input: { prompt } });
  return answer(202, { task_id, events: `/tasks/${encodeURIComponent(task_id)}/events` });
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { pathname } = new URL(request.url);
    const task = /^\/tasks\/([^/]+)(\/events)?$/.exec(pathname);
    try {
      if (pathname === '/generate' && request.method === 'POST') return await submit(request, env);
      if (!task || request.method !== 'GET') return answer(404, { detail: 'Not found' });
      const taskId = decodeURIComponent(task[1]!);
      if (task[2]) return await watchTaskEvents(env.TASK_WATCHER, taskId, request, { model: MODEL });
      return Response.json(await cachedGetTask(createVidgoClient(env), taskId, { ctx }));
    } catch (error) {
      if (error instanceof URIError) return answer(400, { detail: 'Invalid task id' });
      if (!VidgoError.is(error)) throw error;
      // The code and message name the call and the task, never the key.
      return answer(STATUS_OF[error.code] ?? 502, { code: error.code, detail: error.message });
    }
  },
} satisfies ExportedHandler<Env>;
