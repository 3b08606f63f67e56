/** Where the replicas meet, and how long a replica holds a task's poll loop without renewing. */
export interface RedisSettings {
  url: string;
  /** A lease's life: a dead holder's task is taken over within it. */
  leaseMs: number;
}

export const DEFAULT_LEASE_MS = 5000;

/**
 * `REDIS_URL` (`redis://` or `rediss://`) and `REDIS_LEASE_MS`. The URL may hold a password, so a
 * complaint about it never quotes it.
 */
export function readRedisSettings(
  value: (name: string) => string | undefined,
  fail: (message: string) => never,
): RedisSettings | undefined {
  const url = value('REDIS_URL');
  const leaseText = value('REDIS_LEASE_MS');
  if (url === undefined) {
    if (leaseText !== undefined) fail('REDIS_LEASE_MS is set without REDIS_URL');
    return undefined;
  }
  if (!isRedisUrl(url)) fail('REDIS_URL must be a redis:// or rediss:// URL with a host (its value is not shown)');
  let leaseMs = DEFAULT_LEASE_MS;
  if (leaseText !== undefined) {
    leaseMs = Number(leaseText);
    if (!/^\d+$/.test(leaseText) || leaseMs < 300 || leaseMs > 60_000)
      fail(`REDIS_LEASE_MS must be a whole number of milliseconds from 300 to 60000, got "${leaseText.slice(0, 20)}"`);
  }
  return { url, leaseMs };
}

function isRedisUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return false;
  // A database number at most as the path; no query or fragment, whose meaning ioredis would guess.
  return url.hostname !== '' && /^(\/\d*)?$/.test(url.pathname) && url.search === '' && url.hash === '';
}
