import { Redis, type RedisOptions } from 'ioredis';
import type { Log } from '../logger.ts';
import type { ProxyMode } from './proxy-mode.ts';

export interface RedisClients {
  /** Every command but the blocking read: each bounded by a timeout, failing at once while Redis is away. */
  commands: Redis;
  /** XREAD BLOCK only: a blocked read must not hold up the commands. */
  reads: Redis;
  /** `shared` while the command connection is ready, else `degraded`. */
  mode(): Exclude<ProxyMode, 'local'>;
  /** Called on each change of mode, after it happened. */
  onModeChange(listener: (mode: Exclude<ProxyMode, 'local'>) => void): void;
  /** Resolves once Redis is ready, or after `timeoutMs`, whichever comes first. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

// Every wait is bounded: a command that gets no answer within this fails (and the caller falls back).
const COMMAND_TIMEOUT_MS = 500;

/**
 * The two connections a replica keeps to Redis. Nothing waits on a dead Redis: no offline queue
 * (a command while disconnected fails at once), one retry per command, a timeout on each, and
 * reconnection forever in the background, every 1 s at most — the replicas rejoin without a restart.
 * The mode is logged once per change, never with the URL (it may hold a password).
 */
export function redisClients(url: string, log: Log, { commandTimeoutMs = COMMAND_TIMEOUT_MS } = {}): RedisClients {
  const common: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    // A reply to a read lost with its connection is not worth waiting a reconnect for.
    maxRetriesPerRequest: 0,
    // A Redis that stops answering without closing (a partition) is dropped like one that closed,
    // so the replica goes degraded rather than failing each command one timeout at a time.
    socketTimeout: 2000,
  };
  const commands = new Redis(url, { ...common, commandTimeout: commandTimeoutMs, connectionName: 'edge-proxy' });
  // BLOCK is at most 1 s here; past 3 s of silence the connection is taken for dead.
  const reads = new Redis(url, { ...common, blockingTimeout: 3000, connectionName: 'edge-proxy-reads' });
  let mode: Exclude<ProxyMode, 'local'> = 'degraded';
  let everReady = false;
  const listeners: ((mode: Exclude<ProxyMode, 'local'>) => void)[] = [];
  const change = (next: Exclude<ProxyMode, 'local'>) => {
    if (next === mode) return;
    mode = next;
    if (next === 'shared') log('info', everReady ? 'Redis is back: shared mode again' : 'Redis ready: shared mode');
    else log('warn', 'Redis is unreachable: serving in-process until it returns');
    everReady ||= next === 'shared';
    for (const listener of listeners) listener(next);
  };
  commands.on('ready', () => change('shared'));
  commands.on('close', () => change('degraded'));
  // Connection errors are reported through the mode; without a listener ioredis would print them.
  commands.on('error', () => {});
  reads.on('error', () => {});
  const connect = (client: Redis) => client.connect().catch(() => {});
  void connect(commands);
  void connect(reads);
  let notLoggedYet = true;
  return {
    commands,
    reads,
    mode: () => mode,
    onModeChange: (listener) => listeners.push(listener),
    ready(timeoutMs) {
      if (mode === 'shared') return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (notLoggedYet) log('warn', 'Redis is unreachable: serving in-process until it returns');
          notLoggedYet = false;
          resolve(false);
        }, timeoutMs);
        listeners.push((next) => {
          if (next !== 'shared') return;
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    async close() {
      commands.disconnect();
      reads.disconnect();
    },
  };
}
