import type { Clock } from '@vidgo-sdk/core/internal';
import type { LeaseStore } from './task-lease.ts';

export interface LeaseKeeperOptions {
  store: LeaseStore;
  owner: string;
  leaseMs: number;
  clock: Clock;
  /** This replica now polls the task; `takeover` when another replica held it before. */
  onAcquired(takeover: boolean): void;
  /** The lease went to another replica (this one was too slow to renew): stop polling. */
  onLost(): void;
}

export interface LeaseKeeper {
  readonly held: boolean;
  /** Stops trying and renewing; hands the lease back when held. */
  stop(): Promise<void>;
}

/**
 * Holds one task's lease for as long as this replica watches the task: it takes it when free,
 * renews it every third of its life, and, while another replica holds it, tries again the moment
 * that lease would run out — so a dead holder is replaced within one lease time. A Redis error is
 * retried a third of a lease later (the replica's mode, not the keeper, handles an outage).
 */
export function keepLease(taskId: string, options: LeaseKeeperOptions): LeaseKeeper {
  const { store, owner, leaseMs, clock } = options;
  const renewEveryMs = Math.max(1, Math.floor(leaseMs / 3));
  let held = false;
  let stopped = false;
  let sawOtherHolder = false;
  let timer: unknown;
  const later = (step: () => Promise<void>, ms: number) => {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      void step();
    }, ms);
  };
  const retryWhenFree = async () => {
    const remaining = await store.remainingMs(taskId);
    // Just after the holder's lease runs out, and never busier than every 50 ms.
    later(attempt, Math.min(leaseMs, Math.max(50, remaining + 10)));
  };
  const attempt = async (): Promise<void> => {
    try {
      if (await store.acquire(taskId, owner, leaseMs)) {
        if (stopped) return void (await store.release([taskId], owner));
        held = true;
        options.onAcquired(sawOtherHolder);
        later(renew, renewEveryMs);
        return;
      }
      sawOtherHolder = true;
      await retryWhenFree();
    } catch {
      later(attempt, renewEveryMs);
    }
  };
  const renew = async (): Promise<void> => {
    try {
      if (await store.renew(taskId, owner, leaseMs)) return later(renew, renewEveryMs);
      if (stopped) return;
      held = false;
      sawOtherHolder = true;
      options.onLost();
      await retryWhenFree();
    } catch {
      later(held ? renew : attempt, renewEveryMs);
    }
  };
  void attempt();
  return {
    get held() {
      return held;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      if (!held) return;
      held = false;
      await store.release([taskId], owner).catch(() => {});
    },
  };
}
