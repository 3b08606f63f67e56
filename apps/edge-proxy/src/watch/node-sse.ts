import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import {
  encodeEvent,
  encodeFailure,
  encodeRetryHint,
  PING,
  RETRY,
  SSE_HEADERS,
  type SseResponder,
} from './sse-encoding.ts';
import { sseResponse } from './sse-response.ts';
import type { Watcher } from './watcher.ts';

/**
 * The SSE stream written straight to Node's response, under @hono/node-server (which hands it to
 * the app as `env.outgoing`). Why not the web stream: with thousands of watchers of one task, a
 * ReadableStream per watcher, read by the server a promise per chunk, made the fan-out of one
 * event cost several times the socket writes themselves (`pnpm bench:proxy`). Here one event is
 * one `write` of bytes shared by every watcher, and the terminal event leaves with the end of the
 * stream in one `end`. Anywhere else — Deno,
 * `app.fetch` in tests — it is the web stream.
 */
export const nodeSseResponse: SseResponder = (subscribe, headers, env) => {
  const outgoing = (env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing) return sseResponse(subscribe, headers, env);
  // Gone before the stream began: no watcher, or it would wait for a 'close' already emitted.
  if (outgoing.destroyed) return RESPONSE_ALREADY_SENT;

  let closed = false;
  const write = (bytes: Uint8Array) => {
    if (!closed) outgoing.write(bytes);
  };
  const watcher: Watcher = {
    send: (event) => write(encodeEvent(event)),
    ping: () => write(PING),
    end: ({ last, failure, reconnectAfterMs } = {}) => {
      // In this order: the last event, the failure, the retry hint; the final one goes with the end.
      const parts = [
        last && encodeEvent(last),
        failure && encodeFailure(failure),
        reconnectAfterMs !== undefined ? encodeRetryHint(reconnectAfterMs) : undefined,
      ].filter((part): part is Uint8Array => part !== undefined);
      const final = parts.pop();
      for (const part of parts) write(part);
      if (closed) return;
      closed = true;
      // The last bytes and the stream's terminating chunk in one write.
      if (final) outgoing.end(final);
      else outgoing.end();
    },
  };
  outgoing.writeHead(200, { ...SSE_HEADERS, ...headers });
  write(RETRY);
  const unsubscribe = subscribe(watcher);
  if (!closed)
    outgoing.once('close', () => {
      closed = true;
      unsubscribe();
    });
  return RESPONSE_ALREADY_SENT;
};
