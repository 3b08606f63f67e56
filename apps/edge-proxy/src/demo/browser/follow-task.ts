import { isTerminal, type Task, type VidgoLiteClient } from '@vidgo-sdk/core/lite';
import { encodeTaskId, parseTask } from '@vidgo-sdk/core/internal';
import { detailOf, errorText } from './error-text.ts';

/** The proxy's event for a watch that failed after the stream opened (never `error`, EventSource's own). */
const FAILURE_EVENT = 'watch-failed';

export interface FollowHandlers {
  onTask(task: Task): void;
  /** Following stopped for good, with what to tell the person. */
  onError(message: string): void;
  onConnection(state: 'live' | 'reconnecting'): void;
}

/**
 * Follows a task until it is finished or failed: its status read once with the core client, then
 * live over the proxy's Server-Sent Events. The source is closed on the terminal task, since
 * EventSource would otherwise reconnect when the server ends the stream. EventSource cannot send
 * headers: the per-task token goes in the URL, the one place the proxy accepts it there.
 */
export function followTask(
  taskId: string,
  client: VidgoLiteClient,
  token: string | undefined,
  handlers: FollowHandlers,
): { stop(): void } {
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
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    const events = new EventSource(
      `${client.baseUrl}/api/generate/status/${encodeTaskId(taskId, 'events')}/events${query}`,
    );
    source = events;
    events.addEventListener('open', () => !stopped() && handlers.onConnection('live'));
    events.addEventListener('task', (event) => {
      let task: Task | undefined;
      try {
        task = parseTask(JSON.parse(event.data));
      } catch {}
      if (task) take(task);
    });
    events.addEventListener(FAILURE_EVENT, (event) => {
      let body: unknown;
      try {
        body = JSON.parse((event as MessageEvent<string>).data);
      } catch {}
      fail(detailOf(body) ?? 'Watching the task failed');
    });
    events.addEventListener('error', () => {
      if (stopped()) return;
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
