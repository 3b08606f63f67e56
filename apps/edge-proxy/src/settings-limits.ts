/** What one client, and the proxy as a whole, may hold or ask for. */
export interface Limits {
  /** Requests per minute per verified principal (a token, a per-task token, or a local client). */
  ratePerMinute: number;
  /** Requests per minute per connection address (IPv6 by /64), checked before any credential. */
  preAuthRatePerMinute: number;
  /** Callbacks per minute, after their secret is checked. */
  callbackRatePerMinute: number;
  /** Open event streams in total, and per principal. */
  maxStreams: number;
  maxStreamsPerClient: number;
  /** Distinct tasks watched at once (each one is an upstream polling loop). */
  maxWatchedTasks: number;
  /** Node: open connections; past it new ones are closed at accept. Bun: requests in flight; past it a 503. */
  maxConnections: number;
  /** Node: how long a client may take to send its headers, and its whole request. Bun: the first, as idle timeout. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

const LIMITS: readonly [keyof Limits, string, number][] = [
  ['ratePerMinute', 'RATE_LIMIT_PER_MINUTE', 600],
  ['preAuthRatePerMinute', 'PRE_AUTH_RATE_LIMIT_PER_MINUTE', 1200],
  ['callbackRatePerMinute', 'CALLBACK_RATE_LIMIT_PER_MINUTE', 600],
  ['maxStreams', 'MAX_STREAMS', 10_000],
  ['maxStreamsPerClient', 'MAX_STREAMS_PER_CLIENT', 20],
  ['maxWatchedTasks', 'MAX_WATCHED_TASKS', 1000],
  ['maxConnections', 'MAX_CONNECTIONS', 10_000],
  ['headersTimeoutMs', 'HEADERS_TIMEOUT_MS', 10_000],
  ['requestTimeoutMs', 'REQUEST_TIMEOUT_MS', 30_000],
];

export const DEFAULT_LIMITS = Object.fromEntries(
  LIMITS.map(([key, , fallback]) => [key, fallback]),
) as unknown as Limits;

export function readLimits(value: (name: string) => string | undefined, fail: (message: string) => never): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, name] of LIMITS) {
    const text = value(name);
    if (text === undefined) continue;
    const number = Number(text);
    if (!/^\d+$/.test(text) || number < 1 || !Number.isSafeInteger(number))
      fail(`${name} must be a whole number ≥ 1, got "${text.slice(0, 20)}"`);
    limits[key] = number;
  }
  return limits;
}
