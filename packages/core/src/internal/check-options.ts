import type { RequestOptions } from '../client-options.ts';
import { ConfigurationError } from '../errors/input-errors.ts';
import type { VidgoErrorOptions } from '../errors/vidgo-error.ts';

/**
 * Throws the `ConfigurationError` for an option: `where` is `createVidgoClient` or the call's
 * label. Names the option, never its value: a header or a key may be a secret.
 */
export type Invalid = (what: string) => never;

export const invalidOption =
  (where: string, fields?: VidgoErrorOptions): Invalid =>
  (what) => {
    throw new ConfigurationError(`${where}: invalid ${what}`, fields);
  };

/** What a request is sent with: the client's settings, or one call's over them. */
export interface RequestSettings {
  timeoutMs: number;
  maxRetries: number;
  /** Lower-cased names, as `Headers` gives them, so that a call's replace the client's. */
  headers: Record<string, string>;
}

/**
 * Checks `given` (the client's options, or one call's) and lays it over `base` (the client's
 * settings; none for the client itself): the same rules for both, so a call can set nothing the
 * client could not. A call may not send `authorization`: credentials are the client's, and a call
 * that passes along headers it received must not swap the key or add one.
 */
export function resolveSettings(invalid: Invalid, given: RequestOptions, base?: RequestSettings): RequestSettings {
  const { timeoutMs = base?.timeoutMs ?? 30_000, maxRetries = base?.maxRetries ?? 4, signal } = given;
  // A timer set longer than 2^31-1 ms overflows and fires at once, on every runtime.
  if (!(Number.isFinite(timeoutMs) && timeoutMs >= 1 && timeoutMs < 2 ** 31)) invalid('timeoutMs');
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) invalid('maxRetries');
  // Anything else would fail deep in the timers, with a TypeError that names no option.
  if (signal && !signal.addEventListener) invalid('signal');
  let headers: Record<string, string>;
  try {
    // `Headers` checks names and values, and would quote the bad one in its TypeError.
    headers = Object.fromEntries(new Headers(given.headers));
  } catch {
    return invalid('headers');
  }
  if (base && 'authorization' in headers) invalid("headers (authorization is the client's)");
  return { timeoutMs, maxRetries, headers: { ...base?.headers, ...headers } };
}
