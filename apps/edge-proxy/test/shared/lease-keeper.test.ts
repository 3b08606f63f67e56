import { VirtualClock } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { keepLease } from '../../src/shared/lease-keeper.ts';
import type { LeaseStore } from '../../src/shared/task-lease.ts';

/** Redis's lease semantics (SET NX PX, compare-and-renew, compare-and-delete) on the virtual clock. */
function memoryLeases(clock: VirtualClock): LeaseStore & { owner(taskId: string): string | undefined } {
  const leases = new Map<string, { owner: string; until: number }>();
  const live = (taskId: string) => {
    const lease = leases.get(taskId);
    return lease && lease.until > clock.now() ? lease : undefined;
  };
  return {
    async acquire(taskId, owner, leaseMs) {
      if (live(taskId)) return false;
      leases.set(taskId, { owner, until: clock.now() + leaseMs });
      return true;
    },
    async renew(taskId, owner, leaseMs) {
      const lease = live(taskId);
      if (lease?.owner !== owner) return false;
      lease.until = clock.now() + leaseMs;
      return true;
    },
    async release(taskIds, owner) {
      for (const taskId of taskIds) if (live(taskId)?.owner === owner) leases.delete(taskId);
    },
    async remainingMs(taskId) {
      const lease = live(taskId);
      return lease ? lease.until - clock.now() : 0;
    },
    owner: (taskId) => live(taskId)?.owner,
  };
}

function replica(name: string, store: LeaseStore, clock: VirtualClock) {
  const events: string[] = [];
  const keeper = keepLease('task-1', {
    store,
    owner: name,
    leaseMs: 3000,
    clock,
    onAcquired: (takeover) => events.push(takeover ? `takeover@${clock.now()}` : `acquired@${clock.now()}`),
    onLost: () => events.push(`lost@${clock.now()}`),
  });
  return { keeper, events };
}

describe('keepLease', () => {
  it('keeps one holder while it renews, whatever the time', async () => {
    const clock = new VirtualClock({ start: 0 });
    const store = memoryLeases(clock);
    const a = replica('a', store, clock);
    await clock.advance(0);
    const b = replica('b', store, clock);
    await clock.advance(60_000);
    expect(a.events).toEqual(['acquired@0']);
    expect(b.events).toEqual([]);
    expect(store.owner('task-1')).toBe('a');
    expect([a.keeper.held, b.keeper.held]).toEqual([true, false]);
  });

  it('replaces a holder that stopped renewing within one lease time, and tells it it lost the lease', async () => {
    const clock = new VirtualClock({ start: 0 });
    const store = memoryLeases(clock);
    const renew = store.renew;
    const a = replica('a', store, clock);
    await clock.advance(0);
    const b = replica('b', store, clock);
    await clock.advance(5000);
    // From here on `a`'s renewals go nowhere, as if its process had died; its last one was at 5 s at most.
    store.renew = async (taskId, owner, leaseMs) => (owner === 'a' ? false : renew(taskId, owner, leaseMs));
    await clock.advance(10_000);
    const takeover = b.events.find((event) => event.startsWith('takeover@'));
    const taken = Number(takeover?.slice('takeover@'.length));
    expect(taken).toBeGreaterThan(5000);
    expect(taken).toBeLessThanOrEqual(5000 + 3000 + 50);
    expect(store.owner('task-1')).toBe('b');
    expect(a.events).toEqual(['acquired@0', expect.stringMatching(/^lost@/)]);
    expect(a.keeper.held).toBe(false);
  });

  it('hands the lease back at once on stop, and the other replica takes it when its retry comes', async () => {
    const clock = new VirtualClock({ start: 0 });
    const store = memoryLeases(clock);
    const a = replica('a', store, clock);
    await clock.advance(0);
    const b = replica('b', store, clock);
    await clock.advance(1000);
    await a.keeper.stop();
    expect(store.owner('task-1')).toBeUndefined();
    await clock.advance(3000);
    expect(store.owner('task-1')).toBe('b');
    expect(b.events).toHaveLength(1);
    await b.keeper.stop();
    expect(store.owner('task-1')).toBeUndefined();
  });
});
