import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { PrincipalLimit } from '../access/guard.ts';
import { keys } from './keys.ts';

/**
 * The per-principal limit counted in Redis, so that a client gets `perMinute` across all replicas,
 * not per replica. While Redis is away (or slow: no wait past its command timeout) each replica
 * counts on its own with the same limit, rate-limiter-flexible's insurance limiter.
 */
export function sharedPrincipalLimit(redis: Redis, perMinute: number): PrincipalLimit {
  const options = { points: perMinute, duration: 60 };
  const limiter = new RateLimiterRedis({
    ...options,
    storeClient: redis,
    keyPrefix: keys.rateLimitPrefix,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return undefined;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        // Both limiters failed: nothing to count with, so nothing is refused for it.
        return undefined;
      }
    },
  };
}
