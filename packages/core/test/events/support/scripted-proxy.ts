import type { VirtualClock } from '@vidgo-sdk/testing';

/** One answer of the scripted proxy: an HTTP error, a stream of text pieces, JSON, or a dropped connection. */
export type ScriptedAnswer =
  | 'drop'
  | {
      status?: number;
      headers?: Record<string, string>;
      /** Text pieces of the body, each `[msAfterTheAnswer, text]`; the body ends after the last unless `open`. */
      pieces?: [number, string][];
      /** The stream stays open after its pieces (the proxy between changes). */
      open?: boolean;
      /** A body that is not a stream: `null` as a runtime without body streams gives. */
      noBody?: boolean;
    };

export interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  at: number;
}

/**
 * A proxy that answers each request with the next scripted answer (the last one repeats), on the
 * virtual clock: what the events client sees, byte for byte, with no server. It records requests and
 * counts the bodies still open (a body ends when it is complete, aborted or cancelled).
 */
export function scriptedProxy(clock: VirtualClock, answers: ScriptedAnswer[]) {
  const requests: SeenRequest[] = [];
  const bodies = { open: 0 };
  const encoder = new TextEncoder();
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers));
    requests.push({ url: String(input), headers, at: clock.now() });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!;
    if (answer === 'drop') throw new TypeError('fetch failed');
    const { status = 200, pieces = [], open = false } = answer;
    const signal = init?.signal;
    const timers: unknown[] = [];
    let close = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        bodies.open++;
        close = () => {
          for (const timer of timers) clock.clearTimeout(timer);
          bodies.open--;
          close = () => {};
        };
        signal?.addEventListener('abort', () => {
          close();
          try {
            controller.error(signal.reason);
          } catch {}
        });
        pieces.forEach(([at, text], index) => {
          timers.push(
            clock.setTimeout(() => {
              controller.enqueue(encoder.encode(text));
              if (index === pieces.length - 1 && !open) {
                close();
                controller.close();
              }
            }, at),
          );
        });
        if (pieces.length === 0 && !open) {
          close();
          controller.close();
        }
      },
      cancel() {
        close();
      },
    });
    return new Response(answer.noBody ? null : body, {
      status,
      headers: answer.headers ?? { 'content-type': 'text/event-stream; charset=utf-8' },
    });
  };
  return { fetch, requests, bodies };
}

/** One `task` event as the proxy writes it. */
export const taskEvent = (id: string, status: string, progress: number, taskId = 'task-1') =>
  `id: ${id}\nevent: task\ndata: ${JSON.stringify({ task_id: taskId, status, files: [], progress })}\n\n`;
