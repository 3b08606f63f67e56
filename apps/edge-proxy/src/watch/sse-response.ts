import type { WatchEvent, Watcher } from './watcher.ts';

const encoder = new TextEncoder();
// One event goes to every watcher of a task: serialised and encoded once, not once per watcher.
const encodedEvents = new WeakMap<WatchEvent, Uint8Array>();

function encodeEvent(event: WatchEvent): Uint8Array {
  let bytes = encodedEvents.get(event);
  if (!bytes) {
    bytes = encoder.encode(`id: ${event.id}\nevent: task\ndata: ${JSON.stringify(event.task)}\n\n`);
    encodedEvents.set(event, bytes);
  }
  return bytes;
}

/**
 * A Server-Sent Events response fed by a watcher: one `task` event per change (its id is the
 * Last-Event-ID a reconnecting browser sends back), `: ping` comments as heartbeats, an `error`
 * event when watching failed, and the end of the stream after the terminal task. Plain web
 * streams, so it serves the same on Node, Deno and Workers.
 */
const PING = encoder.encode(': ping\n\n');

export function sseResponse(subscribe: (watcher: Watcher) => () => void, headers: Record<string, string> = {}): Response {
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (chunk: string | Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        } catch {
          closed = true;
        }
      };
      const watcher: Watcher = {
        send: (event: WatchEvent) => write(encodeEvent(event)),
        ping: () => write(PING),
        end: (failure) => {
          if (failure) write(`event: error\ndata: ${JSON.stringify(failure)}\n\n`);
          if (closed) return;
          closed = true;
          controller.close();
        },
      };
      // Tell EventSource to wait before reconnecting after an error, rather than its 3 s default storm.
      write('retry: 5000\n\n');
      unsubscribe = subscribe(watcher);
      if (closed) unsubscribe();
    },
    cancel() {
      closed = true;
      unsubscribe?.();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      ...headers,
    },
  });
}
