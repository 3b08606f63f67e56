import {
  encodeSsePing,
  encodeSseRetry,
  encodeSseTaskEvent,
  encodeSseWatchFailed,
  SSE_HEADERS,
} from '@vidgo-sdk/core/internal';
import type { WatchMessage } from '../watch-message.ts';

export interface SseSubscriber {
  send(message: WatchMessage): void;
  /** A comment line: keeps idle connections open and finds viewers who left. */
  ping(): void;
  end(): void;
}

/**
 * A Server-Sent Events response and the subscriber that feeds it: `task` events with their ids,
 * `watch-failed` events, `: ping` comments, and the end of the stream. `onCancel` runs when the viewer
 * goes away. The bytes are core's, the same as the edge proxy's; a `task` message sent to every
 * viewer is encoded once.
 */
export function sseStream(onCancel: (subscriber: SseSubscriber) => void): {
  response: Response;
  subscriber: SseSubscriber;
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const write = (bytes: Uint8Array) => {
    if (!open) return;
    try {
      controller.enqueue(bytes);
    } catch {
      // The stream was cancelled under us: the viewer left.
      open = false;
      onCancel(subscriber);
    }
  };
  const subscriber: SseSubscriber = {
    send: (message) => write(message.type === 'task' ? encodeSseTaskEvent(message) : encodeSseWatchFailed(message)),
    ping: () => write(encodeSsePing()),
    end: () => {
      if (!open) return;
      open = false;
      controller.close();
    },
  };
  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      // EventSource reconnects when a stream breaks: not faster than this.
      write(encodeSseRetry());
    },
    cancel() {
      open = false;
      onCancel(subscriber);
    },
  });
  const response = new Response(stream, { headers: { ...SSE_HEADERS } });
  return { response, subscriber };
}
