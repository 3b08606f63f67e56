import { encodeSseRetry, encodeSseTaskEvent } from '@vidgo-sdk/core/internal';
import type { Task } from '@vidgo-sdk/core';
import type { VidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';

export interface EventsFixtureOptions {
  /** The key the simulator knows: the fixture's upstream, as the proxy holds Vidgo's key. */
  apiKey: string;
  /** The one credential the fixture accepts, as `Authorization: Bearer …`. */
  token: string;
  /** The first stream breaks after this many events, as a dropped connection would. */
  cutAfter?: number;
  /** The events route answers the task as JSON, as a proxy that cannot stream might. */
  json?: boolean;
}

export interface EventsRequest {
  path: string;
  lastEventId: string | null;
  authorization: string | null;
  at: number;
}

/**
 * The edge proxy's events route, played over the simulator on its virtual clock: the bytes of the
 * proxy's own encoder (`retry: 5000`, then a `task` event with an id per change, the end after the
 * terminal task), `Last-Event-ID` honoured, 401 and 404 as `{detail}`. The status route goes to the
 * simulator. What the proxy app itself does is tested against the client in apps/edge-proxy; this
 * runs wherever the suite does, with no server.
 */
export function eventsFixture(simulator: VidgoSimulator<VirtualClock>, options: EventsFixtureOptions) {
  const { clock } = simulator;
  const requests: EventsRequest[] = [];
  const history = new Map<string, Task[]>();
  const refuse = (status: number, detail: string) => Response.json({ detail }, { status });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const authorization = request.headers.get('authorization');
    const lastEventId = request.headers.get('last-event-id');
    requests.push({ path: pathname, lastEventId, authorization, at: clock.now() });
    if (authorization !== `Bearer ${options.token}`) return refuse(401, 'Missing or invalid credentials');
    const events = /^\/api\/generate\/status\/([^/]+)\/events$/.exec(pathname);
    const upstream = { headers: { authorization: `Bearer ${options.apiKey}` }, signal: init?.signal ?? null };
    if (!events) return simulator.fetch(new URL(pathname, simulator.baseUrl), upstream);
    const taskId = decodeURIComponent(events[1]!);
    if (!simulator.getTask(taskId)) return refuse(404, 'Task not found');
    if (options.json) return simulator.fetch(new URL(`/api/generate/status/${events[1]}`, simulator.baseUrl), upstream);
    const seen = history.get(taskId) ?? [];
    history.set(taskId, seen);
    const cutAfter = requests.length === 1 ? options.cutAfter : undefined;
    let timer: unknown;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encodeSseRetry());
        let sent = 0;
        const send = (index: number) => {
          controller.enqueue(encodeSseTaskEvent({ id: String(index + 1), task: seen[index]! }));
          if (++sent === cutAfter) throw new TypeError('network error');
        };
        // What this viewer missed, or where things stand.
        const from = lastEventId === null ? Math.max(0, seen.length - 1) : Number(lastEventId);
        const tick = () => {
          try {
            const task = simulator.getTask(taskId) as Task;
            const last = seen.at(-1);
            if (!last || last.status !== task.status || last.progress !== task.progress) seen.push(task);
            while (next < seen.length) send(next++);
            if (task.status === 'finished' || task.status === 'failed') return controller.close();
            timer = clock.setTimeout(tick, 500);
          } catch (error) {
            controller.error(error);
          }
        };
        let next = from;
        tick();
        init?.signal?.addEventListener('abort', () => {
          clock.clearTimeout(timer);
          try {
            controller.error(init.signal!.reason);
          } catch {}
        });
      },
      cancel: () => clock.clearTimeout(timer),
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  };
  return { fetch, requests };
}
