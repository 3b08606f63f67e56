import type { Redis } from 'ioredis';
import type { StreamSlots } from '../limits/stream-slots.ts';
import { keys } from './keys.ts';

// A slot is a member of its principal's sorted set, scored with the time it lapses unless its
// replica refreshes it: the slots of a replica that died drain within this.
const SLOT_LIFE_MS = 30_000;

// Drops the lapsed members, then adds one if the principal is under its cap. Redis's own clock,
// so that replicas' clocks need not agree.
const ACQUIRE = `
local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('zremrangebyscore', KEYS[1], '-inf', now)
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('zadd', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('pexpire', KEYS[1], ARGV[3])
return 1`;
const REFRESH = `
local time = redis.call('time')
local until = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('zadd', KEYS[1], 'XX', until, ARGV[i]) end
redis.call('pexpire', KEYS[1], ARGV[1])
return 1`;

/**
 * Open event streams per principal, counted across replicas; the total stays this replica's own
 * (it bounds this process's sockets). `local` counts both here and decides alone while Redis is
 * away or slow. Open slots are refreshed every few seconds while their streams last.
 */
export function sharedStreamSlots(
  redis: Redis,
  local: StreamSlots,
  perPrincipal: number,
  replica: string,
): StreamSlots & { stop(): void } {
  const open = new Map<string, Set<string>>();
  let serial = 0;
  const refresh = setInterval(() => {
    for (const [principal, members] of open)
      void redis.eval(REFRESH, 1, keys.streams(principal), String(SLOT_LIFE_MS), ...members).catch(() => {});
  }, SLOT_LIFE_MS / 3);
  (refresh as { unref?: () => void }).unref?.();
  return {
    async acquire(principal) {
      const releaseLocal = await local.acquire(principal);
      if (!releaseLocal) return undefined;
      const member = `${replica}:${++serial}`;
      let counted: unknown;
      try {
        counted = await redis.eval(
          ACQUIRE,
          1,
          keys.streams(principal),
          String(perPrincipal),
          member,
          String(SLOT_LIFE_MS),
        );
      } catch {
        return releaseLocal;
      }
      if (counted !== 1) {
        releaseLocal();
        return undefined;
      }
      const members = open.get(principal) ?? new Set();
      open.set(principal, members.add(member));
      return () => {
        releaseLocal();
        members.delete(member);
        if (members.size === 0 && open.get(principal) === members) open.delete(principal);
        void redis.zrem(keys.streams(principal), member).catch(() => {});
      };
    },
    get open() {
      return local.open;
    },
    stop: () => clearInterval(refresh),
  };
}
