import { isTerminal, VidgoError, type Task, type VidgoClient } from '@vidgo-sdk/core';
import type { Clock } from '@vidgo-sdk/core/internal';
import type { CacheLookup } from '../ops/proxy-metrics.ts';
import type { SharedStatusMemory } from '../shared/shared-status-memory.ts';
import { rememberedNotFound } from '../shared/shared-status-memory.ts';
import { publicTask } from './public-task.ts';
import type { TaskCache } from './task-cache.ts';

export interface StatusSource {
  /**
   * The task as viewers may see it: from the cache when terminal, else from Vidgo, one call per
   * id at a time. `fresh` (a callback's hint) skips the caches and never joins a read already in
   * flight, whose answer may predate the change the hint announces.
   */
  get(taskId: string, options?: { fresh?: boolean }): Promise<Task>;
  /** Calls that reached Vidgo, for tests and the benchmark. */
  readonly upstreamCalls: number;
}

export interface StatusSourceOptions {
  clock?: Pick<Clock, 'now'>;
  /** How long a 404 is answered from memory. Default 5 s. */
  notFoundTtlMs?: number;
  /** Ids remembered as missing, at most. */
  maxNotFound?: number;
  /** Told what answered each read (not the `fresh` ones): a cache, a call in flight, or Vidgo (a miss). */
  onLookup?: (result: CacheLookup) => void;
  /**
   * Replicas sharing Redis: a 404 heard by one is remembered by all, and a running task's state
   * read by one is served to all for `freshMs` (concurrent reads coalesced across replicas).
   */
  shared?: { memory: SharedStatusMemory; freshMs: number };
}

const isNotFound = (error: unknown) => VidgoError.is(error) && error.code === 'not_found';

/**
 * Fewer upstream calls: concurrent requests for one id share one call to Vidgo, finished or
 * failed tasks are cached, and a missing id is remembered for a few seconds — a viewer retrying a
 * wrong id, or an attacker trying many, costs one call per id per TTL.
 */
export function createStatusSource(
  client: Pick<VidgoClient, 'getTask'>,
  cache: TaskCache,
  options: StatusSourceOptions = {},
): StatusSource {
  const {
    clock = { now: Date.now },
    notFoundTtlMs = 5000,
    maxNotFound = 10_000,
    onLookup = () => {},
    shared,
  } = options;
  const inFlight = new Map<string, Promise<Task>>();
  const missing = new Map<string, { error: unknown; until: number }>();
  let upstreamCalls = 0;

  const rememberMissing = (taskId: string, error: unknown) => {
    missing.delete(taskId);
    missing.set(taskId, { error, until: clock.now() + notFoundTtlMs });
    if (missing.size > maxNotFound) missing.delete(missing.keys().next().value!);
  };

  // What another replica learnt moments ago, before asking Vidgo; nothing while Redis is away.
  const sharedAnswer = async (taskId: string): Promise<Task | undefined> => {
    if (!shared) return undefined;
    const [gone, fresh] = await Promise.all([shared.memory.missing(taskId), shared.memory.fresh(taskId)]);
    let known: Task | 'missing' | undefined = gone ? 'missing' : fresh;
    // Nobody knows: one replica asks Vidgo, the others wait a moment for its answer.
    known ??= await shared.memory
      .readOrWait(taskId, shared.freshMs)
      .then((answer) => (answer === true ? undefined : answer));
    if (known !== 'missing') return known;
    rememberMissing(taskId, rememberedNotFound());
    throw missing.get(taskId)!.error;
  };

  const fetchTask = (taskId: string): Promise<Task> => {
    upstreamCalls++;
    const call = client
      .getTask(taskId)
      .then(async (task) => {
        const shown = publicTask(task, taskId);
        if (isTerminal(shown)) await cache.put(shown);
        else shared?.memory.rememberFresh(shown, shared.freshMs);
        return shown;
      })
      .catch((error: unknown) => {
        if (isNotFound(error)) {
          rememberMissing(taskId, error);
          shared?.memory.rememberMissing(taskId, notFoundTtlMs);
        }
        throw error;
      })
      .finally(() => {
        if (inFlight.get(taskId) === call) inFlight.delete(taskId);
      });
    inFlight.set(taskId, call);
    return call;
  };

  return {
    async get(taskId, { fresh = false } = {}) {
      if (fresh) return fetchTask(taskId);
      const known = missing.get(taskId);
      if (known && known.until > clock.now()) {
        onLookup('not_found');
        throw known.error;
      }
      if (known) missing.delete(taskId);
      const cached = await cache.get(taskId);
      if (cached) {
        onLookup('terminal');
        return cached;
      }
      const pending = inFlight.get(taskId);
      onLookup(pending ? 'in_flight' : 'miss');
      if (pending) return pending;
      if (!shared) return fetchTask(taskId);
      // Joined by this replica's concurrent reads while it asks the others (not each asking Redis).
      const call = sharedAnswer(taskId).then((known) => known ?? fetchTask(taskId));
      inFlight.set(taskId, call);
      call
        .finally(() => {
          if (inFlight.get(taskId) === call) inFlight.delete(taskId);
        })
        .catch(() => {});
      return call;
    },
    get upstreamCalls() {
      return upstreamCalls;
    },
  };
}
