import { encodeTaskId, isTerminal, parseTask, type Task, type VidgoStatusClient } from '@vidgo-sdk/core/lite';
import { detailOf, errorText } from './error-text.ts';

export interface FollowHandlers {
  onTask(task: Task): void;
  /** Following stopped for good, with what to tell the person. */
  onError(message: string): void;
  onConnection(state: 'live' | 'reconnecting'): void;
}

/**
 * Follows a task until it is finished or failed: its status read once with the core client, then
 * live over the proxy's Server-Sent Events. The source is closed on the terminal task, since
 * EventSource would otherwise reconnect when the server ends the stream.
 */
export function followTask(taskId: string, client: VidgoStatusClient, handlers: FollowHandlers): { stop(): void } {
  const controller = new AbortController();
  const stopped = () => controller.signal.aborted;
  let source: EventSource | undefined;
  const stop = () => {
    controller.abort();
    source?.close();
  };
  const fail = (message: string) => {
    if (stopped()) return;
    stop();
    handlers.onError(message);
  };
  const take = (task: Task) => {
    if (stopped()) return;
    handlers.onTask(task);
    if (isTerminal(task)) stop();
  };

  const listen = () => {
    const events = new EventSource(`${client.baseUrl}/api/generate/status/${encodeTaskId(taskId, 'events')}/events`);
    source = events;
    events.addEventListener('open', () => !stopped() && handlers.onConnection('live'));
    events.addEventListener('task', (event) => {
      let task: Task | undefined;
      try {
        task = parseTask(JSON.parse(event.data));
      } catch {}
      if (task) take(task);
    });
    events.addEventListener('error', (event) => {
      if (stopped()) return;
      // The proxy's own `event: error` (watching failed upstream) carries `{detail}`.
      if (event instanceof MessageEvent && typeof event.data === 'string') {
        let body: unknown;
        try {
          body = JSON.parse(event.data);
        } catch {}
        fail(detailOf(body) ?? 'Watching the task failed');
        return;
      }
      if (events.readyState !== EventSource.CLOSED) {
        handlers.onConnection('reconnecting');
        return;
      }
      // Refused outright (401, 403, 429…): EventSource cannot read why, but a status request can.
      client.getTask(taskId, { signal: controller.signal }).then(
        (task) => {
          take(task);
          fail('Live updates stopped; the status shown is the latest');
        },
        (error: unknown) => fail(errorText(error)),
      );
    });
  };

  client.getTask(taskId, { signal: controller.signal }).then(
    (task) => {
      take(task);
      if (!stopped()) listen();
    },
    (error: unknown) => fail(errorText(error)),
  );
  return { stop };
}
