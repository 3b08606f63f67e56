import { systemClock, type Clock } from '../clock.ts';
import { apiErrorClass, type VidgoAPIError } from '../errors/api-errors.ts';
import { ConfigurationError, InvalidResponseError } from '../errors/input-errors.ts';
import { ConnectionError, RequestTimeoutError } from '../errors/transport-errors.ts';
import type { VidgoError } from '../errors/vidgo-error.ts';
import { backoffDelay } from './backoff.ts';
import { readErrorBody } from './error-body.ts';
import { guard, sleep } from './guard.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface TransportOptions {
  /** Sent as `Authorization: Bearer …`. Leave it out in a browser that talks to a proxy. */
  apiKey?: string;
  /** Default `https://api.vidgo.ai`; may carry a path prefix (`https://proxy.example/vidgo`). */
  baseUrl?: string;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: typeof fetch;
  /** Per attempt, headers and body included. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for `getTask` (and for `submitTask` on 429 only). Default 4. */
  maxRetries?: number;
  /** The longest `Retry-After` worth waiting for; a longer one fails with the error. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Time source and timers; tests pass a virtual clock. */
  clock?: Clock;
  /** Source of backoff jitter, in [0, 1). */
  random?: () => number;
}

export interface RetryEvent {
  operation: string;
  taskId?: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: VidgoError;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Called before each retry, with the error that caused it and the wait chosen. Throwing from it
   * stops the retries and rejects the call with what was thrown (a scheduler that must count
   * every request against its own budget does that).
   */
  onRetry?: (event: RetryEvent) => void;
}

export type Send = <Result>(
  operation: string,
  taskId: string | undefined,
  path: string,
  body: string | undefined,
  read: (json: unknown) => Result | undefined,
  retryable: (error: VidgoError) => boolean,
  options?: CallOptions,
) => Promise<Result>;

/**
 * Checks the options once and returns `send`: one call with its retries, answering what `read`
 * makes of the 2xx JSON (undefined from `read`: not the documented shape). `retryable` decides
 * per error, since a submit must never be sent twice.
 */
export interface Transport {
  baseUrl: string;
  send: Send;
}

export function createTransport(options: TransportOptions): Transport {
  const {
    apiKey,
    timeoutMs = 30_000,
    maxRetries = 4,
    maxRetryAfterMs = 60_000,
    clock = systemClock,
    random = Math.random,
  } = options;
  const invalid = (what: string): never => {
    throw new ConfigurationError(`createVidgoClient: invalid ${what}`);
  };
  const baseUrl = (options.baseUrl ?? 'https://api.vidgo.ai').replace(/\/+$/, '');
  if (!/^https?:\/\/\w[^?#]*$/i.test(baseUrl)) invalid('baseUrl (an http(s) URL, no query)');
  // Checked here so that a bad key never reaches Headers, whose TypeError would quote it.
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) invalid('apiKey (printable ASCII, no spaces)');
  if (!(timeoutMs > 0 && maxRetries >= 0 && maxRetryAfterMs >= 0)) invalid('timeoutMs/maxRetries/maxRetryAfterMs');
  let baseHeaders: Headers;
  try {
    baseHeaders = new Headers(options.headers);
  } catch {
    return invalid('headers');
  }
  baseHeaders.set('accept', 'application/json');
  if (apiKey) baseHeaders.set('authorization', `Bearer ${apiKey}`);
  const scrub = (text: string) => (apiKey ? text.replaceAll(apiKey, '[redacted]') : text);

  const send: Send = async (operation, taskId, path, body, read, retryable, { signal, onRetry } = {}) => {
    const fetchFunction = options.fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function') throw new ConfigurationError('no fetch here: pass createVidgoClient({ fetch })');
    // What every error of this call carries, and how its message names the call.
    const where = { operation, taskId };
    const label = taskId === undefined ? operation : `${operation}("${taskId}")`;
    const headers = new Headers(baseHeaders);
    // Only a request with a body declares JSON: on a GET it would cost browsers a CORS preflight.
    if (body) headers.set('content-type', 'application/json');
    const invalidAnswer = (raw: string, why: string): never => {
      throw new InvalidResponseError(`${label}: the answer ${why}`, { ...where, rawBody: raw.slice(0, 2000) });
    };

    for (let attempt = 0; ; attempt++) {
      let error: VidgoError;
      try {
        // One exchange, headers and body, bounded by timeoutMs; an abort settles it at once.
        const [response, text] = await guard(
          clock,
          signal,
          timeoutMs,
          () => {
            throw new RequestTimeoutError(`${label}: timed out after ${timeoutMs} ms`, where);
          },
          async (attemptSignal) => {
            try {
              // Called as a plain function, never as a method: Workers throw "Illegal invocation" otherwise.
              const response = await fetchFunction(baseUrl + path, { method: body ? 'POST' : 'GET', headers, body, signal: attemptSignal });
              return [response, await response.text()] as const;
            } catch (cause) {
              throw new ConnectionError(`${label}: could not reach ${baseUrl} (${scrub(String(cause))})`, { ...where, cause });
            }
          },
        );
        // Only what an error keeps is scrubbed: the data of a success is never rewritten.
        const raw = scrub(text);
        if (response.ok) {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            invalidAnswer(raw, 'is not JSON');
          }
          return read(json) ?? invalidAnswer(raw, 'is not a Vidgo task');
        }
        const { body: errorBody, message } = readErrorBody(raw);
        const headerCopy: Record<string, string> = {};
        response.headers.forEach((value, name) => (headerCopy[name] = scrub(value)));
        const { status } = response;
        const ErrorClass = apiErrorClass(status, /credit/i.test(message!));
        error = new ErrorClass(`${label}: ${status} ${message ?? response.statusText}`, {
          ...where,
          status,
          body: errorBody,
          rawBody: raw.slice(0, 2000),
          headers: headerCopy,
          retryAfterMs: parseRetryAfter(response.headers, clock.now()),
        });
      } catch (thrown) {
        if (signal?.aborted) throw signal.reason;
        error = thrown as VidgoError;
      }
      const { retryAfterMs } = error as VidgoAPIError;
      if (attempt >= maxRetries || !retryable(error) || retryAfterMs! > maxRetryAfterMs) throw error;
      const delayMs = retryAfterMs ?? backoffDelay(attempt, random);
      onRetry?.({ ...where, attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, clock, signal);
    }
  };
  return { baseUrl, send };
}
