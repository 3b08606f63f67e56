import type { Clock } from './clock.ts';
import type { VidgoError } from './errors/vidgo-error.ts';

/** How a client reaches Vidgo: every field is optional, and a bad value throws a `ConfigurationError`. */
export interface VidgoClientOptions {
  /** Sent as `Authorization: Bearer …`. Leave it out in a browser that talks to a proxy. */
  apiKey?: string;
  /** Default `https://api.vidgo.ai`; may carry a path prefix (`https://proxy.example/vidgo`). */
  baseUrl?: string;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: typeof fetch;
  /** Per attempt, headers and body included. Default 30 000; a call's `timeoutMs` overrides it. */
  timeoutMs?: number;
  /** Retries after the first attempt, for `getTask` (and for `submitTask` on 429 only). Default 4. */
  maxRetries?: number;
  /** The longest `Retry-After` worth waiting for; a longer one fails with the error. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Extra headers for every request. With `apiKey`, `authorization` is the key's. */
  headers?: Record<string, string>;
  /** Time source and timers; tests pass a virtual clock. */
  clock?: Clock;
  /** Source of backoff jitter, in [0, 1). */
  random?: () => number;
}

/** What `onRetry` is told before each retry. */
export interface RetryEvent {
  /** The client call being retried, e.g. `getTask`. */
  operation: string;
  /** The task the call is about, when there is one. */
  taskId?: string;
  /** 1 for the first retry. */
  attempt: number;
  /** How long the client waits before the retry, in ms (`Retry-After` when the server said). */
  delayMs: number;
  /** What the failed attempt threw. */
  error: VidgoError;
}

/**
 * Options of one `getTask` or `submitTask` call, as openai-node takes them. Invalid values reject
 * the call with a `ConfigurationError` before anything is sent.
 */
export interface RequestOptions {
  /** Aborting rejects the call at once with the signal's reason, and sends nothing more. */
  signal?: AbortSignal;
  /** Per attempt, for this call: from 1 to 2 147 483 647 ms (the most a timer can wait). */
  timeoutMs?: number;
  /** Retries after the first attempt, for this call: a whole number, 0 or more. */
  maxRetries?: number;
  /**
   * Extra headers for this call, over the client's. `authorization` is refused: credentials are
   * the client's (`apiKey`, or its `headers`), never a call's. `accept` and `content-type` are the SDK's.
   */
  headers?: Record<string, string>;
  /**
   * Called before each retry, with the error that caused it and the wait chosen. Throwing from it
   * stops the retries and rejects the call with what was thrown (a scheduler that must count
   * every request against its own budget does that).
   */
  onRetry?: (event: RetryEvent) => void;
}
