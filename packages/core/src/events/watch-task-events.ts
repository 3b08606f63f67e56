import { SSE_TASK_EVENT, SSE_WATCH_FAILED_EVENT } from '../adapters/sse-event-names.ts';
import type { RetryEvent } from '../client-options.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { VidgoAPIError } from '../errors/api-errors.ts';
import { RequestTimeoutError, ConnectionError } from '../errors/transport-errors.ts';
import type { VidgoError } from '../errors/vidgo-error.ts';
import { backoffDelay } from '../internal/backoff.ts';
import { invalidOption } from '../internal/check-options.ts';
import { guard, sleep } from '../internal/guard.ts';
import { readTask } from '../internal/parse-task.ts';
import { encodeTaskId } from '../internal/task-id.ts';
import { createTransport } from '../internal/transport.ts';
import { isTerminal } from '../is-terminal.ts';
import type { Task } from '../types.ts';
import { refusal } from './refusal.ts';
import { sseReader } from './sse-reader.ts';
import { WatchFailedError } from './watch-failed-error.ts';

/** Options of `watchTaskEvents`. Invalid values fail the first step of the iterator with a `ConfigurationError`. */
export interface WatchTaskEventsOptions {
  /** Sent as `Authorization: Bearer …`: a per-task token from your backend, or the proxy's token. */
  token?: string;
  /** Aborting ends the iteration at once with the signal's reason, and closes the stream. */
  signal?: AbortSignal;
  /** Once per change of status or progress: the tasks the iterator yields. */
  onProgress?: (task: Task) => void;
  /** A stream opened: the first one, and each after a reconnect. */
  onOpen?: () => void;
  /** Before each reconnect (or, when polling, each retry) that an error caused, with the wait chosen. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Failed connections in a row before the last error is thrown; a delivered event resets the
   * count. When polling, the retries of each poll. Default 8.
   */
  maxRetries?: number;
  /**
   * A stream silent this long (no event, no heartbeat) is taken as lost and reconnected: the
   * proxy sends a heartbeat every 15 s. Also bounds the wait for an answer. Default 45 000.
   */
  idleTimeoutMs?: number;
  /** Between polls, when the proxy cannot stream. Default 2000, as the Vidgo docs ask. */
  pollIntervalMs?: number;
  /** Default: the global `fetch`, looked up at each request. */
  fetch?: typeof fetch;
  /** Time source and timers; tests pass a virtual clock. */
  clock?: Clock;
  /** Source of backoff jitter, in [0, 1). */
  random?: () => number;
}

const OPERATION = 'watchTaskEvents';

/**
 * Follows a task through the edge proxy's Server-Sent Events (`GET <proxyUrl>/api/generate/status/<id>/events`)
 * with `fetch` streaming, not EventSource: it sends `Authorization`, and runs in browsers,
 * Workers, Deno, Bun and Node. Yields the task at each change of status or progress, the
 * terminal one (`finished` or `failed`) last, then ends.
 *
 * A lost stream is reconnected with `Last-Event-ID`, so nothing is missed or told twice, after
 * the server's `retry:` plus a backoff that grows with each failure in a row (`maxRetries`). An
 * HTTP refusal ends it with the core's typed error (401 `AuthenticationError`, 403
 * `PermissionDeniedError`, 404 `NotFoundError`, 429 `RateLimitError`…), the proxy giving up with
 * a `WatchFailedError`. Where the proxy cannot stream (no body stream, or an answer that is not
 * `text/event-stream`), it polls the status route instead. Leaving the loop closes the stream.
 *
 * @example
 * ```ts
 * import { watchTaskEvents } from '@vidgo-sdk/core';
 *
 * // `token` is the per-task token your backend minted beside its submit (`@vidgo-sdk/task-token`).
 * for await (const task of watchTaskEvents('https://proxy.example.com', taskId, { token })) {
 *   render(task.status, task.progress, task.files);
 * }
 * ```
 */
export async function* watchTaskEvents(
  proxyUrl: string,
  taskId: string,
  options: WatchTaskEventsOptions = {},
): AsyncGenerator<Task, void, undefined> {
  const { token, signal, maxRetries = 8, idleTimeoutMs = 45_000, pollIntervalMs = 2000 } = options;
  const { clock = systemClock, random = Math.random } = options;
  const where = { operation: OPERATION, taskId };
  const invalid = invalidOption(OPERATION, where);
  const path = `/api/generate/status/${encodeTaskId(taskId, OPERATION)}`;
  // Checked here, so that neither a bad token nor a bad URL is quoted by what would refuse it later.
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) invalid('token (printable ASCII)');
  if (!/^https?:\/\/\w[^?#]*$/i.test(proxyUrl)) invalid('proxyUrl (http or https, no query)');
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) invalid('maxRetries');
  if (!(idleTimeoutMs >= 1 && idleTimeoutMs < 2 ** 31)) invalid('idleTimeoutMs');
  if (!(pollIntervalMs >= 0 && pollIntervalMs < 2 ** 31)) invalid('pollIntervalMs');
  // The status route, for polling: the token goes and is scrubbed from errors as a key would be.
  const { baseUrl, send } = createTransport({
    fetch: options.fetch,
    baseUrl: proxyUrl,
    apiKey: token,
    clock,
    random,
    maxRetries,
  });
  const label = `${OPERATION}("${taskId}")`;
  const scrub = (text: string) => (token ? text.replaceAll(token, '[redacted]') : text);
  const lost = (cause: unknown): never => {
    throw new ConnectionError(`${label}: stream lost (${scrub(String(cause))})`, {
      ...where,
      cause,
    });
  };
  const silent = (): never => {
    throw new RequestTimeoutError(`${label}: silent for ${idleTimeoutMs} ms`, where);
  };

  let last: Task | undefined;
  let lastEventId = '';
  // EventSource's usual wait until the server says otherwise (the edge proxy says 5 s).
  let retryMs = 3000;
  let failures = 0;
  let polling = false;
  // Each task read, in order: yielded when its status or progress changed; true once it is terminal.
  function* deliver(tasks: Task[]): Generator<Task, boolean> {
    for (const task of tasks.splice(0)) {
      failures = 0;
      if (!last || last.status !== task.status || last.progress !== task.progress) {
        last = task;
        options.onProgress?.(task);
        yield task;
      }
      if (isTerminal(task)) return true;
    }
    return false;
  }

  for (;;) {
    let delayMs: number | undefined;
    const connection = new AbortController();
    const abort = () => connection.abort(signal?.reason);
    signal?.addEventListener('abort', abort);
    let body: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      const tasks: Task[] = [];
      if (polling) {
        tasks.push(await send({ ...where, path, read: readTask, options: { signal, onRetry: options.onRetry } }));
        if (yield* deliver(tasks)) return;
      } else {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (token) headers.authorization = `Bearer ${token}`;
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const fetchFunction = options.fetch ?? globalThis.fetch;
        const response = await guard(idleTimeoutMs, clock, signal, silent, () =>
          // Called as a plain function: Workers throw "Illegal invocation" for a method call.
          fetchFunction(`${baseUrl + path}/events`, { headers, signal: connection.signal }).catch(lost),
        );
        if (!response.ok) {
          // The status decides; a body that breaks or never ends is only left out of the error.
          const text = await guard(
            idleTimeoutMs,
            clock,
            signal,
            () => '',
            () => response.text().catch(() => ''),
          );
          throw refusal(response, text, label, where, scrub, clock.now());
        }
        if (!response.body || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
          // No stream here (an old runtime, or a proxy that answers JSON): the status route will do.
          void response.body?.cancel().catch(() => {});
          polling = true;
          continue;
        }
        options.onOpen?.();
        let failure: { code?: string; detail?: unknown } | undefined;
        let delivered = false;
        const events = sseReader((type, data) => {
          try {
            if (type === SSE_TASK_EVENT) {
              const task = readTask(JSON.parse(data));
              // Never another task's state, whatever a faulty server sends.
              if (task?.task_id === taskId) delivered = !!tasks.push(task);
            } else if (type === SSE_WATCH_FAILED_EVENT) failure = JSON.parse(data);
          } catch {}
        });
        const decoder = new TextDecoder();
        body = response.body.getReader();
        for (;;) {
          const { done, value } = await guard(idleTimeoutMs, clock, signal, silent, () => body!.read().catch(lost));
          if (done) break;
          events.push(decoder.decode(value, { stream: true }));
          lastEventId = events.lastEventId;
          retryMs = events.retryMs ?? retryMs;
          if (yield* deliver(tasks)) return;
          // The proxy's watch ran into its own time limit: the task is still running, and a new stream goes on.
          if (failure?.code === 'wait_timeout') break;
          if (failure) {
            const detail = scrub(String(failure.detail ?? 'Watching the task failed')).slice(0, 300);
            throw new WatchFailedError(`${label}: ${detail}`, { ...where, detail, reason: failure.code });
          }
        }
        // A server that keeps closing at once would otherwise be reconnected to forever.
        if (!delivered) lost('it ended before any event');
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const { status, retryAfterMs } = error as VidgoAPIError;
      // Refused (4xx), given up by the proxy, or a poll that failed after its own retries: final.
      if (polling || status < 500 || error instanceof WatchFailedError || ++failures > maxRetries) throw error;
      delayMs = retryAfterMs ?? retryMs + backoffDelay(failures - 1, random);
      options.onRetry?.({ ...where, attempt: failures, delayMs, error: error as VidgoError });
    } finally {
      signal?.removeEventListener('abort', abort);
      connection.abort();
      void body?.cancel().catch(() => {});
    }
    await sleep(delayMs ?? (polling ? pollIntervalMs : retryMs), clock, signal);
  }
}
