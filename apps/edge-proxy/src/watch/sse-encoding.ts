import type { WatchEvent, Watcher } from './watcher.ts';

const encoder = new TextEncoder();
// One event goes to every watcher of a task: serialised and encoded once, not once per watcher.
const encodedEvents = new WeakMap<WatchEvent, Uint8Array>();

/** A `task` event; its id is the Last-Event-ID a reconnecting browser sends back. */
export function encodeEvent(event: WatchEvent): Uint8Array {
  let bytes = encodedEvents.get(event);
  if (!bytes) {
    bytes = encoder.encode(`id: ${event.id}\nevent: task\ndata: ${JSON.stringify(event.task)}\n\n`);
    encodedEvents.set(event, bytes);
  }
  return bytes;
}

/**
 * Watching failed after the stream opened: the reason, before the end of the stream. Not named
 * `error`, which is EventSource's own name for a lost connection.
 */
export const FAILURE_EVENT = 'watch-failed';
export const encodeFailure = (failure: { detail: string }): Uint8Array => encoder.encode(`event: ${FAILURE_EVENT}\ndata: ${JSON.stringify(failure)}\n\n`);

/** The heartbeat: a comment, which EventSource ignores but proxies and load balancers see as traffic. */
export const PING = encoder.encode(': ping\n\n');

/** Tells EventSource to wait before reconnecting after an error, rather than its 3 s default storm. */
export const RETRY = encoder.encode('retry: 5000\n\n');

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/**
 * Opens the stream of one watcher and returns what the route answers. `env` is what the server
 * handed the app: a responder may write through it (the Node response) instead.
 */
export type SseResponder = (subscribe: (watcher: Watcher) => () => void, headers: Record<string, string>, env?: unknown) => Response;
