import { tokenBuckets } from '../limits/token-buckets.ts';
import { addressKey } from './client-address.ts';

export type ClientAddress = (request: Request, env: unknown) => string | undefined;

/** The cheap limit every request meets before any credential is read: undefined, or seconds to wait. */
export type PreAuthLimit = (request: Request, env: unknown) => number | undefined | Promise<number | undefined>;

/**
 * A bucket per connection address (IPv6 by /64). Where no address is known (`app.fetch` in a test,
 * `wrangler dev` without CF-Connecting-IP) there is no pre-auth limit: one shared bucket would let
 * anyone starve everyone else.
 */
export function addressLimit(perMinute: number, clientAddress: ClientAddress, now?: () => number): PreAuthLimit {
  const buckets = tokenBuckets(perMinute, now ? { now } : {});
  return (request, env) => {
    const key = addressKey(clientAddress(request, env));
    return key === undefined ? undefined : buckets.take(key);
  };
}

/** Cloudflare's Rate Limiting binding (`[[ratelimits]]` in wrangler config), keyed the same way. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export function bindingLimit(binding: RateLimitBinding, clientAddress: ClientAddress): PreAuthLimit {
  return async (request, env) => {
    const key = addressKey(clientAddress(request, env));
    if (key === undefined) return undefined;
    // The binding counts over its own period (10 or 60 s) and tells no reset time: ask for a minute.
    return (await binding.limit({ key })).success ? undefined : 60;
  };
}
