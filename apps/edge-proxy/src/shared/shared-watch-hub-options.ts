import type { Task, VidgoClient } from '@vidgo-sdk/core';
import type { Clock } from '@vidgo-sdk/core/internal';
import type { Log } from '../logger.ts';
import type { StatusSource } from '../upstream/status-source.ts';
import type { TaskCache } from '../upstream/task-cache.ts';
import type { WatchHub } from '../watch/watch-hub.ts';
import type { RedisClients } from './redis-clients.ts';
import type { LeaseStore } from './task-lease.ts';
import type { TaskStreams } from './task-stream.ts';

/** What the shared watch hub is made of (`shared-watch-hub.ts`), and what it tells beyond a WatchHub. */
export interface SharedWatchHubOptions {
  clients: RedisClients;
  leases: LeaseStore;
  streams: TaskStreams;
  client: Pick<VidgoClient, 'watchTask'>;
  source: StatusSource;
  cache: TaskCache;
  log: Log;
  clock: Clock;
  /** This replica's name in the leases it holds. */
  owner: string;
  leaseMs: number;
  /** Called with every state this replica's loop reads, for the shared freshness window. */
  onPolled?(task: Task): void;
  heartbeatMs?: number;
  maxWatchMs?: number;
  lingerMs?: number;
  maxLoops?: number;
}

export interface SharedWatchHub extends WatchHub {
  readonly leasesHeld: number;
  readonly takeovers: number;
  /** Hands every lease back at once and takes no new one (shutdown). */
  releaseLeases(): Promise<void>;
}
