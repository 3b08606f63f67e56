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
    end: (how) => {
      if (closed) return;
      closed = true;
      // In this order: the last event, the failure, the retry hint. This runs once per watcher in
      // one loop when a task ends (ten thousand of them in `pnpm bench:proxy`), so the usual end,
      // the terminal event alone, allocates nothing and is one `end`: its bytes and the stream's
      // terminating chunk in one write.
      const last = how?.last && encodeEvent(how.last);
      const failure = how?.failure && encodeFailure(how.failure);
      const retry = how?.reconnectAfterMs === undefined ? undefined : encodeRetryHint(how.reconnectAfterMs);
      if (failure === undefined && retry === undefined) {
        if (last) outgoing.end(last);
        else outgoing.end();
        return;
      }
      if (last) outgoing.write(last);
      if (failure && retry) outgoing.write(failure);
      outgoing.end(retry ?? failure);
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
