import type { Redis } from 'ioredis';
import { keys } from './keys.ts';

/** Who polls a task: at most one replica at a time holds its lease. */
export interface LeaseStore {
  /** Takes the lease if nobody holds it (`SET NX PX`). */
  acquire(taskId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Extends the lease if `owner` still holds it; false when it was lost. */
  renew(taskId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Hands the lease back at once, if `owner` still holds it. */
  release(taskIds: string[], owner: string): Promise<void>;
  /** Milliseconds until the current holder's lease runs out (0 when there is none). */
  remainingMs(taskId: string): Promise<number>;
}

// Compare-and-renew and compare-and-delete: a holder whose lease expired and went to another
// replica must not extend or delete the new holder's.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `local released = 0
for i, key in ipairs(KEYS) do
  if redis.call('get', key) == ARGV[1] then released = released + redis.call('del', key) end
end
return released`;

export function redisLeaseStore(redis: Redis): LeaseStore {
  return {
    async acquire(taskId, owner, leaseMs) {
      return (await redis.set(keys.lease(taskId), owner, 'PX', leaseMs, 'NX')) === 'OK';
    },
    async renew(taskId, owner, leaseMs) {
      return (await redis.eval(RENEW, 1, keys.lease(taskId), owner, String(leaseMs))) === 1;
    },
    async release(taskIds, owner) {
      if (taskIds.length === 0) return;
      await redis.eval(RELEASE, taskIds.length, ...taskIds.map(keys.lease), owner);
    },
    async remainingMs(taskId) {
      return Math.max(0, await redis.pttl(keys.lease(taskId)));
    },
  };
}
