import { type Task, watchTaskEvents } from '@vidgo-sdk/core';
import { errorText } from './error-text.ts';

export interface FollowHandlers {
  onTask(task: Task): void;
  /** Following stopped for good, with what to tell the person. */
  onError(message: string): void;
  onConnection(state: 'live' | 'reconnecting'): void;
}

/**
 * Follows a task until it is finished or failed, with the core's events client over this proxy's
 * Server-Sent Events: the per-task token goes as an `Authorization` header (never in the URL), a
 * lost stream resumes where it stopped, and a refusal (an expired token, another task's) arrives
 * as a typed error whose words the page shows.
 */
export function followTask(taskId: string, token: string | undefined, handlers: FollowHandlers): { stop(): void } {
  const controller = new AbortController();
  const following = watchTaskEvents(location.origin, taskId, {
    ...(token ? { token } : {}),
    signal: controller.signal,
    // A person waits: a few reconnects, then say so.
    maxRetries: 4,
    onOpen: () => handlers.onConnection('live'),
    onRetry: () => handlers.onConnection('reconnecting'),
  });
  (async () => {
    for await (const task of following) handlers.onTask(task);
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) handlers.onError(errorText(error));
  });
  return { stop: () => controller.abort() };
}
