// Your backend, reduced to what this example is about: one route that submits a task with the key
// (which stays here), mints a token that opens that one task, and hands both to the page. The
// page then talks to the edge proxy, never to Vidgo, and never with the key.
import type { VidgoLiteClient } from '@vidgo-sdk/core/lite';
import { VidgoError } from '@vidgo-sdk/core/lite';
import { createTaskToken } from '@vidgo-sdk/task-token';

export interface BackendOptions {
  /** A client with your Vidgo key (here pointed at the simulator). */
  vidgo: VidgoLiteClient;
  /** Shared with the proxy (its `TASK_TOKEN_SECRET`): at least 32 characters, never sent anywhere. */
  taskTokenSecret: string;
  /** Where the page reaches the proxy. */
  proxyUrl: () => string;
  /** The page's files: `/`, `/follow.js`, and the core for the browser at `/vendor/vidgo-core.js`. */
  files: Record<string, { type: string; body: string }>;
}

/** The backend as a fetch handler (`Request` in, `Response` out): Node, Deno, Bun and Workers all serve one. */
export function createBackend({ vidgo, taskTokenSecret, proxyUrl, files }: BackendOptions) {
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/api/tasks') {
      const { prompt } = ((await request.json().catch(() => undefined)) ?? {}) as { prompt?: unknown };
      if (typeof prompt !== 'string' || !prompt.trim() || prompt.length > 1000)
        return Response.json({ detail: 'prompt: 1 to 1000 characters' }, { status: 400 });
      try {
        const { task_id } = await vidgo.submitTask({ model: 'gpt-image-2', input: { prompt } });
        // An hour: long enough to watch an image or a video to the end, short enough to be worthless after.
        const token = await createTaskToken(task_id, { secret: taskTokenSecret, expiresInSeconds: 3600 });
        return Response.json({ task_id, token, proxy_url: proxyUrl() }, { headers: { 'cache-control': 'no-store' } });
      } catch (error) {
        // The code and message of a VidgoError never hold the key.
        const detail = VidgoError.is(error) ? `${error.code}: ${error.message}` : 'could not submit';
        return Response.json({ detail }, { status: 502 });
      }
    }
    const file = request.method === 'GET' ? files[pathname] : undefined;
    if (!file) return Response.json({ detail: 'Not Found' }, { status: 404 });
    return new Response(file.body, { headers: { 'content-type': file.type } });
  };
}
