import { systemClock } from '../clock.ts';
import type { RequestOptions, VidgoClientOptions } from '../client-options.ts';
import { apiErrorClass, type VidgoAPIError } from '../errors/api-errors.ts';
import { ConfigurationError, InvalidResponseError } from '../errors/input-errors.ts';
import { ConnectionError, RequestTimeoutError } from '../errors/transport-errors.ts';
import type { VidgoError } from '../errors/vidgo-error.ts';
import { backoffDelay } from './backoff.ts';
import { invalidOption, resolveSettings } from './check-options.ts';
import { parseJson, readErrorBody } from './error-body.ts';
import { guard, sleep } from './guard.ts';
import { parseRetryAfter } from './retry-after.ts';
import { RETRYABLE_STATUSES } from '../wait/is-retryable-error.ts';

// The engine's modules import it from here.
export type { RetryEvent } from '../client-options.ts';

/** One call to the API, with what to make of its answer. */
export interface TransportRequest<Result> {
  /** The client method, e.g. `getTask`: named in messages and on errors. */
  operation: string;
  taskId?: string;
  /** After `baseUrl`, already encoded. */
  path: string;
  /** JSON; a request with a body is a POST. */
  body?: string;
  /** What the 2xx JSON is; undefined when it is not the documented shape. */
  read: (json: unknown) => Result | undefined;
  options?: RequestOptions | undefined;
}

export interface Transport {
  baseUrl: string;
  /** One call with its retries. */
  send<Result>(request: TransportRequest<Result>): Promise<Result>;
}

/**
 * A GET (a read) is safe to repeat: connection failures, timeouts and garbled answers (a truncated
 * body from a flaky hop) are retried too, HTTP errors when the status says they may pass. A POST
 * (a submit) only on 429: after a 5xx or a dropped connection the task may already exist and cost
 * credits, and Vidgo has no idempotency key.
 */
const retryable = ({ status }: Partial<VidgoAPIError>, body: string | undefined): boolean =>
  body ? status === 429 : status === undefined || RETRYABLE_STATUSES.includes(status);

/** Checks the client's options once and returns the `send` every call goes through. */
export function createTransport(options: VidgoClientOptions): Transport {
  const { apiKey, maxRetryAfterMs = 60_000, clock = systemClock, random = Math.random } = options;
  const invalid = invalidOption('createVidgoClient');
  const baseUrl = (options.baseUrl ?? 'https://api.vidgo.ai').replace(/\/+$/, '');
  if (!/^https?:\/\/\w[^?#]*$/i.test(baseUrl)) invalid('baseUrl (http or https, no query)');
  // Checked here so that a bad key never reaches Headers, whose TypeError would quote it.
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) invalid('apiKey (printable ASCII)');
  if (!(maxRetryAfterMs >= 0)) invalid('maxRetryAfterMs');
  const client = resolveSettings(invalid, options);
  const scrub = (text: string) => (apiKey ? text.replaceAll(apiKey, '[redacted]') : text);

  const send = async <Result>({
    operation,
    taskId,
    path,
    body,
    read,
    options: call = {},
  }: TransportRequest<Result>): Promise<Result> => {
    // What every error of this call carries, and how its message names the call.
    const where = { operation, taskId };
    const label = taskId ? `${operation}("${taskId}")` : operation;
    const { signal, onRetry } = call;
    const { timeoutMs, maxRetries, headers } = resolveSettings(invalidOption(label, where), call, client);
    const fetchFunction = options.fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function')
      throw new ConfigurationError('no fetch here: pass createVidgoClient({ fetch })', where);
    headers.accept = 'application/json';
    // Only a request with a body declares JSON: on a GET it would cost browsers a CORS preflight.
    if (body) headers['content-type'] = 'application/json';
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    for (let attempt = 0; ; attempt++) {
      try {
        // One exchange, headers and body, bounded by the attempt's timeout; an abort settles it at once.
        const [response, text] = await guard(
          timeoutMs,
          clock,
          signal,
          () => {
            throw new RequestTimeoutError(`${label}: timed out after ${timeoutMs} ms`, where);
          },
          async (attemptSignal) => {
            try {
              // Called as a plain function, never as a method: Workers throw "Illegal invocation" otherwise.
              const response = await fetchFunction(baseUrl + path, {
                method: body && 'POST',
                headers,
                body,
                signal: attemptSignal,
              });
              return [response, await response.text()] as const;
            } catch (cause) {
              throw new ConnectionError(`${label}: could not reach ${baseUrl} (${scrub(String(cause))})`, {
                ...where,
                cause,
              });
            }
          },
        );
        // Only what an error keeps is scrubbed: the data of a success is never rewritten.
        const raw = scrub(text);
        const rawBody = raw.slice(0, 2000);
        if (response.ok) {
          const result = read(parseJson(text));
          if (result) return result;
          throw new InvalidResponseError(`${label}: the answer is not a Vidgo task`, { ...where, rawBody });
        }
        const { body: errorBody, message } = readErrorBody(raw);
        const headerCopy: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headerCopy[name] = scrub(value);
        });
        const { status } = response;
        const ErrorClass = apiErrorClass(status, /credit/i.test(message!));
        throw new ErrorClass(`${label}: ${status} ${message ?? response.statusText}`, {
          ...where,
          status,
          body: errorBody,
          rawBody,
          headers: headerCopy,
          retryAfterMs: parseRetryAfter(response.headers, clock.now()),
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const { retryAfterMs } = error as VidgoAPIError;
        if (attempt >= maxRetries || !retryable(error as VidgoAPIError, body) || retryAfterMs! > maxRetryAfterMs)
          throw error;
        const delayMs = retryAfterMs ?? backoffDelay(attempt, random);
        onRetry?.({ ...where, attempt: attempt + 1, delayMs, error: error as VidgoError });
        await sleep(delayMs, clock, signal);
      }
    }
  };
  return { baseUrl, send };
}
