import type { PrincipalLimit } from '../access/guard.ts';
import type { StreamSlots } from '../limits/stream-slots.ts';
import type { Log } from '../logger.ts';
import type { TaskCache } from '../upstream/task-cache.ts';
import type { ProxyMode } from './proxy-mode.ts';
import { redisClients } from './redis-clients.ts';
import type { RedisSettings } from './redis-settings.ts';
import { sharedPrincipalLimit } from './shared-rate-limit.ts';
import { sharedStatusMemory, type SharedStatusMemory } from './shared-status-memory.ts';
import { sharedStreamSlots } from './shared-stream-slots.ts';
import { sharedTaskCache } from './shared-task-cache.ts';
import { createSharedWatchHub } from './shared-watch-hub.ts';
import type { SharedWatchHub, SharedWatchHubOptions } from './shared-watch-hub-options.ts';
import { redisLeaseStore } from './task-lease.ts';
import { redisTaskStreams } from './task-stream.ts';

/** A running task's state read by one replica serves the others' status reads for this long. */
const FRESH_MS = 1000;

export interface SharedMode {
  mode(): ProxyMode;
  /** Leases this replica holds: the tasks it polls for every replica. */
  leasesHeld(): number;
  /** Leases taken from a replica that stopped renewing them. */
  takeovers(): number;
  /** Hands every lease back at once (shutdown): the other replicas take over without waiting. */
  releaseLeases(): Promise<void>;
  /** Waits (at most `timeoutMs`) for Redis before serving, so a starting replica joins rather than polls alone. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
  leaseMs: number;
  freshMs: number;
  statusMemory: SharedStatusMemory;
  taskCache(local: TaskCache, now: () => number): TaskCache;
  principalLimit(perMinute: number): PrincipalLimit;
  streamSlots(local: StreamSlots, perPrincipal: number): StreamSlots;
  watchHub(
    options: Omit<SharedWatchHubOptions, 'clients' | 'leases' | 'streams' | 'owner' | 'leaseMs'>,
  ): SharedWatchHub;
}

/** The pieces a replica shares through Redis (`REDIS_URL`), on two connections. */
export function createSharedMode(settings: RedisSettings, log: Log): SharedMode {
  const clients = redisClients(settings.url, log);
  const { commands } = clients;
  // Names this replica in the leases and stream slots it holds: its process id, for an operator
  // looking at Redis, and a random part, since process ids repeat across machines.
  const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
  const replica = `${pid}-${crypto.randomUUID().slice(0, 8)}`;
  let hub: SharedWatchHub | undefined;
  const stoppers: (() => void)[] = [];
  return {
    mode: clients.mode,
    leasesHeld: () => hub?.leasesHeld ?? 0,
    takeovers: () => hub?.takeovers ?? 0,
    releaseLeases: async () => hub?.releaseLeases(),
    ready: clients.ready,
    async close() {
      for (const stop of stoppers) stop();
      await clients.close();
    },
    leaseMs: settings.leaseMs,
    freshMs: FRESH_MS,
    statusMemory: sharedStatusMemory(commands),
    taskCache: (local, now) => sharedTaskCache(commands, local, now),
    principalLimit: (perMinute) => sharedPrincipalLimit(commands, perMinute),
    streamSlots(local, perPrincipal) {
      const slots = sharedStreamSlots(commands, local, perPrincipal, replica);
      stoppers.push(slots.stop);
      return slots;
    },
    watchHub(options) {
      hub = createSharedWatchHub({
        ...options,
        clients,
        leases: redisLeaseStore(commands),
        streams: redisTaskStreams(commands),
        owner: replica,
        leaseMs: settings.leaseMs,
      });
      return hub;
    },
  };
}
