import type { MiddlewareHandler } from 'hono';
import type { ClientAddress } from './access.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_TRACKED_CLIENTS = 50_000;

/**
 * A token bucket per client (its token when it has one, else its address): `perMinute` requests a
 * minute, bursts up to the same number. Over it: 429 with Retry-After, as Vidgo itself answers.
 * Long-lived SSE streams count once, when they open.
 */
export function rateLimit(perMinute: number, clientAddress: ClientAddress, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return async (c, next) => {
    const client = c.req.header('authorization') ?? clientAddress(c.req.raw, c.env) ?? 'unknown';
    const time = now();
    let bucket = buckets.get(client);
    if (!bucket) {
      if (buckets.size >= MAX_TRACKED_CLIENTS) buckets.delete(buckets.keys().next().value!);
      bucket = { tokens: perMinute, updatedAt: time };
      buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = time;
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
      c.header('Retry-After', String(retryAfter));
      return c.json({ detail: 'Too many requests' }, 429);
    }
    bucket.tokens -= 1;
    await next();
  };
}
