// Everything of @vidgo-sdk/core (errors, TaskPool, types…), with a client configured from the
// Worker's env, the Cache API for finished tasks, and the TaskWatcher Durable Object.
export * from '@vidgo-sdk/core';
export { createVidgoClient, type VidgoEnv } from './create-vidgo-client.ts';
export { cachedGetTask, type CachedGetTaskOptions } from './cached-get-task.ts';
export { cacheLifetimeSeconds } from './cache-lifetime.ts';
export { TaskWatcher, type TaskWatcherOptions, type TaskWatcherSnapshot } from './task-watcher.ts';
export { watchTaskEvents, type WatchTaskEventsOptions } from './watch-task-events.ts';
export type { WatchMessage } from './watch-message.ts';
export type {
  DurableObjectStateSlice,
  DurableObjectStorageSlice,
  HibernatableWebSocket,
  TaskWatcherNamespace,
  WaitUntilContext,
  WorkersCache,
} from './workers-types.ts';
