import {
  encodeEvent,
  encodeFailure,
  encodeRetryHint,
  PING,
  RETRY,
  SSE_HEADERS,
  type SseResponder,
} from './sse-encoding.ts';
import type { Watcher } from './watcher.ts';

/**
 * A Server-Sent Events response fed by a watcher: one `task` event per change, `: ping` comments
 * as heartbeats, a `watch-failed` event when watching failed, and the end of the stream after the
 * terminal task. Plain web streams, so it serves the same on Node, Deno and Workers.
 */
export const sseResponse: SseResponder = (subscribe, headers = {}) => {
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (chunk: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(chunk);
        } catch {
          closed = true;
        }
      };
      const watcher: Watcher = {
        send: (event) => write(encodeEvent(event)),
        ping: () => write(PING),
        end: ({ last, failure, reconnectAfterMs } = {}) => {
          if (last) write(encodeEvent(last));
          if (failure) write(encodeFailure(failure));
          if (reconnectAfterMs !== undefined) write(encodeRetryHint(reconnectAfterMs));
          if (closed) return;
          closed = true;
          controller.close();
        },
      };
      write(RETRY);
      unsubscribe = subscribe(watcher);
      if (closed) unsubscribe();
    },
    cancel() {
      closed = true;
      unsubscribe?.();
    },
  });
  return new Response(stream, { headers: { ...SSE_HEADERS, ...headers } });
};
