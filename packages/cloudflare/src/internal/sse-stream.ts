import type { WatchMessage } from '../watch-message.ts';

const encoder = new TextEncoder();

export interface SseSubscriber {
  send(message: WatchMessage): void;
  /** A comment line: keeps idle connections open and finds viewers who left. */
  ping(): void;
  end(): void;
}

/**
 * A Server-Sent Events response and the subscriber that feeds it: `task` events with their ids,
 * `watch-failed` events, `: ping` comments, and the end of the stream. `onCancel` runs when the viewer
 * goes away.
 */
export function sseStream(onCancel: (subscriber: SseSubscriber) => void): { response: Response; subscriber: SseSubscriber } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const write = (text: string) => {
    if (!open) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      // The stream was cancelled under us: the viewer left.
      open = false;
      onCancel(subscriber);
    }
  };
  const subscriber: SseSubscriber = {
    send: (message) =>
      write(
        message.type === 'task'
          ? `id: ${message.id}\nevent: task\ndata: ${JSON.stringify(message.task)}\n\n`
          : `event: watch-failed\ndata: ${JSON.stringify({ code: message.code, detail: message.detail })}\n\n`,
      ),
    ping: () => write(': ping\n\n'),
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
      write('retry: 5000\n\n');
    },
    cancel() {
      open = false;
      onCancel(subscriber);
    },
  });
  const response = new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
  return { response, subscriber };
}
