// The wire format is core's (`encodeSseTaskEvent`…), shared with the Cloudflare TaskWatcher so
// that one EventSource client follows both. Here: the names the proxy's streams use, and the
// responder type its routes take.
import {
  encodeSsePing,
  encodeSseRetry,
  encodeSseTaskEvent,
  encodeSseWatchFailed,
  SSE_HEADERS,
} from '@vidgo-sdk/core/internal';
import type { Watcher } from './watcher.ts';

/** A `task` event, encoded once per event object for all of its watchers (core caches it). */
export const encodeEvent = encodeSseTaskEvent;
/** Watching failed after the stream opened: `watch-failed`, before the end of the stream. */
export const encodeFailure = encodeSseWatchFailed;
export const PING = encodeSsePing();
export const RETRY = encodeSseRetry();
export { SSE_HEADERS };

/** `retry: <ms>`: how long an EventSource waits before it reconnects, from now on. */
export const encodeRetryHint = (ms: number): Uint8Array => new TextEncoder().encode(`retry: ${Math.round(ms)}\n\n`);

/**
 * Opens the stream of one watcher and returns what the route answers. `env` is what the server
 * handed the app: a responder may write through it (the Node response) instead.
 */
export type SseResponder = (
  subscribe: (watcher: Watcher) => () => void,
  headers: Record<string, string>,
  env?: unknown,
) => Response;
