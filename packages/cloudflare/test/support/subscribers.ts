// Viewers of a TaskWatcher as the tests see them: an SSE stream or a WebSocket, read message by message.
import type { Task } from '@vidgo-sdk/core';

export interface Received {
  type: 'task' | 'watch-failed';
  id?: string;
  task?: Task;
  code?: string;
  detail?: string;
}

export interface Viewer {
  response: Response;
  /** The next `task` or `watch-failed` message; rejects after `timeoutMs` of real time. */
  next(timeoutMs?: number): Promise<Received>;
  /** Settles when the server has ended the stream or closed the socket (WebSocket: with the code). */
  ended: Promise<number | undefined>;
  /** `: ping` comments received so far (SSE). */
  readonly pings: number;
  leave(): Promise<void>;
  /** WebSocket: sends the server a message (viewers are not meant to). */
  say(text: string): void;
}

type Target = { fetch(input: string, init?: RequestInit): Promise<Response> };

/** Messages in arrival order, handed to readers as they ask. */
function inbox() {
  const queued: Received[] = [];
  const readers: ((message: Received) => void)[] = [];
  return {
    push(message: Received) {
      const reader = readers.shift();
      if (reader) reader(message);
      else queued.push(message);
    },
    next(timeoutMs: number): Promise<Received> {
      const message = queued.shift();
      if (message) return Promise.resolve(message);
      return new Promise((resolve, reject) => {
        const reader = (received: Received) => {
          clearTimeout(timer);
          resolve(received);
        };
        // A reader that gave up must not swallow the next message.
        const timer = setTimeout(() => {
          readers.splice(readers.indexOf(reader), 1);
          reject(new Error(`no message within ${timeoutMs} ms`));
        }, timeoutMs);
        readers.push(reader);
      });
    },
  };
}

export async function openEventStream(
  target: Target,
  path: string,
  headers: Record<string, string> = {},
): Promise<Viewer> {
  const response = await target.fetch(`https://watcher${path}`, { headers });
  if (!response.ok || !response.body) throw new Error(`${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const box = inbox();
  let pings = 0;
  const onFrame = (frame: string) => {
    if (frame.startsWith(':')) pings++;
    const fields = new Map(
      frame.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const data = fields.get('data');
    if (fields.get('event') === 'task') box.push({ type: 'task', id: fields.get('id'), task: JSON.parse(data!) });
    if (fields.get('event') === 'watch-failed') box.push({ type: 'watch-failed', ...JSON.parse(data!) });
  };
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          onFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {}
    return undefined;
  })();
  return {
    response,
    next: (timeoutMs = 2000) => box.next(timeoutMs),
    ended,
    get pings() {
      return pings;
    },
    leave: () => reader.cancel(),
    say: () => {
      throw new Error('an SSE viewer cannot send');
    },
  };
}

export async function openWebSocket(target: Target, path: string): Promise<Viewer> {
  const response = await target.fetch(`https://watcher${path}`, { headers: { upgrade: 'websocket' } });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket) throw new Error(`${response.status} ${await response.text()}`);
  const box = inbox();
  const ended = new Promise<number | undefined>((resolve) =>
    socket.addEventListener('close', (event) => resolve(event.code)),
  );
  socket.addEventListener('message', (event) => box.push(JSON.parse(event.data as string)));
  socket.accept();
  return {
    response,
    next: (timeoutMs = 2000) => box.next(timeoutMs),
    ended,
    pings: 0,
    leave: async () => socket.close(1000, 'bye'),
    say: (text) => socket.send(text),
  };
}

/** `status progress` of each task message: what the tests compare. */
export const summary = (message: Received): string =>
  message.type === 'task' ? `${message.task!.status} ${message.task!.progress}` : `watch-failed ${message.code}`;
