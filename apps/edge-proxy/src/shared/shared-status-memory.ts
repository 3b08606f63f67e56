import { NotFoundError, type Task } from '@vidgo-sdk/core';
import type { Redis } from 'ioredis';
import { keys } from './keys.ts';

/** What the status reads of all replicas share besides finished tasks (see `createStatusSource`). */
export interface SharedStatusMemory {
  /** A state of a running task read upstream moments ago by some replica, if any. */
  fresh(taskId: string): Promise<Task | undefined>;
  rememberFresh(task: Task, forMs: number): void;
  /** Whether some replica heard a 404 for this id within the negative cache's life. */
  missing(taskId: string): Promise<boolean>;
  rememberMissing(taskId: string, forMs: number): void;
  /**
   * Coalesces reads across replicas: true when this replica is the one to ask Vidgo; otherwise
   * waits (at most `waitMs`) for the replica that is asking, and resolves to what it learnt.
   */
  readOrWait(taskId: string, waitMs: number): Promise<true | Task | 'missing' | undefined>;
}

// How often a replica waiting on another's read looks for its answer.
const WAIT_STEP_MS = 15;

/** Every call falls back to "nothing known" while Redis is away: the replica then asks upstream itself. */
export function sharedStatusMemory(redis: Redis): SharedStatusMemory {
  return {
    async fresh(taskId) {
      const text = await redis.get(keys.fresh(taskId)).catch(() => null);
      return text === null ? undefined : (JSON.parse(text) as Task);
    },
    rememberFresh(task, forMs) {
      void redis.set(keys.fresh(task.task_id), JSON.stringify(task), 'PX', forMs).catch(() => {});
    },
    async missing(taskId) {
      return (await redis.exists(keys.missing(taskId)).catch(() => 0)) === 1;
    },
    rememberMissing(taskId, forMs) {
      void redis.set(keys.missing(taskId), '1', 'PX', forMs).catch(() => {});
    },
    async readOrWait(taskId, waitMs) {
      const claimed = await redis.set(keys.reading(taskId), '1', 'PX', waitMs, 'NX').catch(() => 'OK');
      if (claimed === 'OK') return true;
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
        const [fresh, missing] =
          (await redis
            .multi()
            .get(keys.fresh(taskId))
            .exists(keys.missing(taskId))
            .exec()
            .catch(() => null)) ?? [];
        if (missing?.[1] === 1) return 'missing';
        if (typeof fresh?.[1] === 'string') return JSON.parse(fresh[1]) as Task;
        if (!fresh) return undefined;
      }
      return undefined;
    },
  };
}

/** The answer a shared 404 stands for: what Vidgo said, as the core client would have thrown it. */
export function rememberedNotFound(): NotFoundError {
  const body = { detail: 'Task not found' };
  return new NotFoundError('Task not found (remembered)', {
    status: 404,
    body,
    rawBody: JSON.stringify(body),
    headers: {},
  });
}
