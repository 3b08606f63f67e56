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
}

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
