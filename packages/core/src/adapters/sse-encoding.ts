// The Server-Sent Events wire format of a task watch, written once for every server that streams
// one: the edge proxy (Node, Deno, Workers) and the Cloudflare `TaskWatcher`. Browsers follow
// both with the same EventSource code, so the bytes must not drift apart. Web standards only
// (TextEncoder), so core can hold it without a runtime dependency.
import type { Task } from '../types.ts';
import { SSE_TASK_EVENT, SSE_WATCH_FAILED_EVENT } from './sse-event-names.ts';

const encoder = new TextEncoder();

/** The event of one task change. `id` is what a reconnecting EventSource sends back as `Last-Event-ID`. */
export interface SseTaskEvent {
  id: string;
  task: Task;
}

/**
 * Why watching stopped after the stream opened. `code` is the core's error code (or
 * `wait_timeout`) when the server gives one; `detail` is safe to show.
 */
export interface SseWatchFailure {
  code?: string;
  detail: string;
}

export { SSE_TASK_EVENT, SSE_WATCH_FAILED_EVENT };

// One event goes to every viewer of a task: serialised and encoded once, not once per viewer.
// Keyed by the event object, which its sender therefore never changes after sending.
const encodedEvents = new WeakMap<SseTaskEvent, Uint8Array>();

/** `id: …`, `event: task`, `data: <the task as JSON>`; the same bytes for the same event object. */
export function encodeSseTaskEvent(event: SseTaskEvent): Uint8Array {
  let bytes = encodedEvents.get(event);
  if (!bytes) {
    bytes = encoder.encode(`id: ${event.id}\nevent: ${SSE_TASK_EVENT}\ndata: ${JSON.stringify(event.task)}\n\n`);
    encodedEvents.set(event, bytes);
  }
  return bytes;
}

/** `event: watch-failed`, `data: {"code":…,"detail":…}` (`code` left out when there is none). */
export function encodeSseWatchFailed({ code, detail }: SseWatchFailure): Uint8Array {
  return encoder.encode(
    `event: ${SSE_WATCH_FAILED_EVENT}\ndata: ${JSON.stringify(code === undefined ? { detail } : { code, detail })}\n\n`,
  );
}

// Shared by every stream, like the task events: written, never changed.
const PING = encoder.encode(': ping\n\n');
const RETRY = encoder.encode('retry: 5000\n\n');

/** The heartbeat, a comment: EventSource ignores it, proxies and load balancers see traffic. Shared bytes. */
export const encodeSsePing = (): Uint8Array => PING;

/** Sent first: EventSource waits this long before reconnecting, rather than its 3 s default storm. Shared bytes. */
export const encodeSseRetry = (): Uint8Array => RETRY;

/** The headers of an event stream: never cached or transformed, never buffered by nginx. */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
});
