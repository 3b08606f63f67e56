import { connect, type Socket } from 'node:net';
import { createSseReader } from './sse-reader.ts';

export interface WatcherRecord {
  /** When its first `task` event arrived: from then on it is one of the hub's watchers. */
  subscribedAt?: number;
  /** Arrival (epoch ms, stamped before parsing) and status of each `task` event. */
  events: { at: number; status: string }[];
  /** The stream ended with its terminating chunk. */
  ended: boolean;
  failure?: string;
}

export interface WatcherGroup {
  records: WatcherRecord[];
  /**
   * Resolves once every stream has ended or failed, or after `timeoutMs`. With `spin`, this
   * process stays busy until then (where it has a CPU of its own: see `pinnedCpus`).
   */
  settled(timeoutMs: number, options?: { spin?: boolean }): Promise<void>;
  close(): void;
}

/**
 * Opens `count` SSE streams on `path`, each a raw HTTP/1.1 connection (lighter than `node:http`
 * clients at ten thousand), `batchSize` at a time so the server's listen backlog is never overrun:
 * a batch is open when each of its streams has its first event (or failed).
 */
export async function openWatchers(
  origin: string,
  path: string,
  count: number,
  { batchSize = 500, batchTimeoutMs = 10_000 } = {},
): Promise<WatcherGroup> {
  const { hostname, port } = new URL(origin);
  const records: WatcherRecord[] = [];
  const sockets: Socket[] = [];
  const settledWaiters = new Set<() => void>();
  let unsettled = 0;
  const request = Buffer.from(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`,
    'latin1',
  );

  /** `onOpen`: its first event arrived, or it failed (called once or twice; counted once). */
  const open = (onOpen: () => void) => {
    const record: WatcherRecord = { events: [], ended: false };
    records.push(record);
    unsettled++;
    let done = false;
    const settle = (failure?: string) => {
      if (done) return;
      done = true;
      if (failure) record.failure = failure;
      onOpen();
      if (--unsettled === 0) for (const wake of settledWaiters) wake();
    };
    let arrival = 0;
    const read = createSseReader({
      onHead: (status) => status !== 200 && settle(`HTTP ${status}`),
      onEvent: (event) => {
        if (event.event !== 'task' || !event.data) return;
        const status = (JSON.parse(event.data) as { status: string }).status;
        record.events.push({ at: arrival, status });
        if (record.subscribedAt === undefined) {
          record.subscribedAt = arrival;
          onOpen();
        }
      },
      // The connection stays open (keep-alive, as a browser's would): closed with the group, so
      // that closing sockets does not delay reading the others.
      onEnd: () => {
        record.ended = true;
        settle();
      },
    });
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    sockets.push(socket);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (bytes: Buffer) => {
      arrival = Date.now();
      read(bytes);
    });
    socket.on('error', (error) => settle(error.message));
    socket.on('close', () => settle(record.ended ? undefined : 'closed before the end of the stream'));
  };

  const close = () => {
    for (const socket of sockets) socket.destroy();
  };
  const openBatch = (first: number, size: number) =>
    new Promise<void>((resolve, reject) => {
      let waiting = size;
      const timer = setTimeout(
        () =>
          reject(new Error(`watchers ${first}–${first + size}: ${waiting} not subscribed after ${batchTimeoutMs} ms`)),
        batchTimeoutMs,
      );
      for (let index = 0; index < size; index++) {
        let counted = false;
        open(() => {
          if (counted) return;
          counted = true;
          if (--waiting === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
    });
  try {
    for (let first = 0; first < count; first += batchSize) await openBatch(first, Math.min(batchSize, count - first));
  } catch (error) {
    close();
    throw error;
  }

  return {
    records,
    settled: (timeoutMs, { spin: spinning = false } = {}) =>
      new Promise<void>((resolve) => {
        if (unsettled === 0) return resolve();
        let waiting = true;
        const wake = () => {
          waiting = false;
          clearTimeout(timer);
          settledWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        settledWaiters.add(wake);
        // Busy until then: with an immediate always pending, the event loop polls its sockets
        // without sleeping, so a server's write never has to wake this process. That wakeup, a
        // cross-CPU one and dear on a virtual machine, is a cost no viewer on another machine
        // puts on a server; it made the same server's p99 vary by half from one run to the next.
        const spin = () => {
          if (waiting) setImmediate(spin);
        };
        if (spinning) setImmediate(spin);
      }),
    close,
  };
}
