export interface TokenBuckets {
  /** Takes one request from `key`'s bucket: undefined when allowed, else the seconds to wait. */
  take(key: string): number | undefined;
  readonly size: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

// Keys are fixed-size hashes or normalised addresses, refused past this length: the map's bytes
// are bounded by its entry count.
const MAX_KEY_LENGTH = 64;

/**
 * A token bucket per key: `perMinute` requests a minute, bursts up to the same number. At most
 * `maxKeys` buckets are kept; the least recently used goes first, and a full bucket is no loss
 * (a new one starts full). Each limit has its own instance, so one kind of traffic can neither
 * evict nor drain another's buckets.
 */
export function tokenBuckets(
  perMinute: number,
  { maxKeys = 100_000, now = Date.now }: { maxKeys?: number; now?: () => number } = {},
): TokenBuckets {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return {
    take(key) {
      if (key.length > MAX_KEY_LENGTH) throw new RangeError('token bucket keys are hashes or addresses');
      const time = now();
      let bucket = buckets.get(key);
      if (bucket) buckets.delete(key);
      else bucket = { tokens: perMinute, updatedAt: time };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.updatedAt) * refillPerMs);
      bucket.updatedAt = time;
      // Re-inserted: the Map's order is the order of last use.
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
      bucket.tokens -= 1;
      return undefined;
    },
    get size() {
      return buckets.size;
    },
  };
}
