import { DurableObject } from 'cloudflare:workers';
import { adaptiveStrategy, encodeTaskId, isTerminal, type PollStrategy, type Task, type VidgoStatusClient, type WaitState } from '@vidgo-sdk/core';
import { createVidgoClient, type VidgoEnv } from './create-vidgo-client.ts';
import { observe, startWait } from './internal/core-wait.ts';
import { answer, decodeSegment, invalidTaskIdAnswer } from './internal/json-answer.ts';
import { isRetryable } from './internal/retryable.ts';
import { sseStream, type SseSubscriber } from './internal/sse-stream.ts';
import { webSocketViewer } from './internal/websocket-viewer.ts';
import { errorMessage, type WatchMessage } from './watch-message.ts';
import type { DurableObjectStateSlice, HibernatableWebSocket } from './workers-types.ts';

export interface TaskWatcherOptions {
  /** Never poll faster than this. Default 2000, as the Vidgo docs ask. */
  minIntervalMs?: number;
  /** Never wait longer than this between polls (each poll also pings SSE viewers). Default 60 000. */
  maxIntervalMs?: number;
  /** How long one watch lasts before its viewers are told to reconnect. Default 1 hour. */
  timeoutMs?: number;
  /** Replaces the core's `adaptiveStrategy`. */
  strategy?: PollStrategy;
}

/** What `GET /state` answers. */
export interface TaskWatcherSnapshot {
  /** The task watched, or last watched by this instance; null when idle. */
  taskId: string | null;
  /** The last task seen; null before the first poll. */
  task: Task | null;
  /** The core's wait state, as persisted; null when nobody is watching. */
  state: WaitState | null;
  subscribers: { webSockets: number; eventStreams: number };
  /** When the next poll is due (epoch ms), or null. */
  alarm: number | null;
}

/** What survives eviction and hibernation: the wait's state and the last task seen. */
interface WatchRecord {
  wait: WaitState;
  /** Names this watch in SSE event ids (`<watch>.<sequence>`). */
  watch: string;
  sequence: number;
  task?: Task;
}

const RECORD_KEY = 'watch';
// As the core's engine: the last poll goes out this long before the deadline.
const LAST_POLL_LEAD_MS = 1000;
const OPEN = 1;
const EVENTS_PATH = /^\/api\/generate\/status\/([^/]+)\/events$/;

/**
 * A Durable Object that watches ONE task (address it with `idFromName(taskId)`) for any number of
 * viewers, over Server-Sent Events or WebSockets (hibernation API), with one polling loop.
 *
 * Polls are alarms (`storage.setAlarm`) on the core's schedule (`adaptiveStrategy`): no request
 * is held open to poll and no timer runs in between. The core's wait state is persisted after
 * every poll, so a watch survives eviction and hibernation with its deadline and estimate. Each
 * change goes to every subscriber; the alarm stops when the task is finished or failed (the
 * subscribers are then told and disconnected) or when the last subscriber leaves, and the
 * storage is emptied then: nothing is kept while nobody watches.
 *
 * Routes (see the package README): `GET /watch?taskId=…[&model=…]` and
 * `GET /api/generate/status/:taskId/events` (SSE, or WebSocket with `Upgrade: websocket`),
 * `GET /state`, `POST /refresh` (a hint, e.g. a Vidgo callback: poll now).
 *
 * To configure it, extend it: override `options`, or `createClient` for the client's options.
 * It extends the runtime's `DurableObject`, so `wrangler types` and `ctx.exports` know it as one.
 */
export class TaskWatcher<Env extends VidgoEnv = VidgoEnv> extends DurableObject<Env> {
  /** The schedule's bounds; override in a subclass. */
  protected readonly options: TaskWatcherOptions = {};
  /** `this.ctx`, as far as this class uses it (the base class types `ctx` as the program does). */
  readonly #state: DurableObjectStateSlice;
  #client?: Pick<VidgoStatusClient, 'getTask'>;
  /** Storage, read once per instance: undefined until read, null when nobody watches. */
  #record?: WatchRecord | null;
  #streams = new Set<SseSubscriber>();
  #polling?: Promise<void>;
  /** Changes when a watch stops, so that a poll in flight then does not carry on. */
  #generation = 0;
  /** The terminal task, while this instance lives: late viewers get it without a poll. */
  #final?: WatchMessage & { type: 'task' };

  constructor(ctx: DurableObjectStateSlice, env: Env) {
    // Typed as the slice here; the base class's parameter is the runtime's full DurableObjectState.
    super(ctx as never, env);
    this.#state = ctx;
  }

  /**
   * The client that polls: from `env` (`VIDGO_API_KEY`, `VIDGO_BASE_URL`), with no retries of its
   * own since a failed poll is retried by the next alarm. Override to pass other options.
   */
  protected createClient(env: Env): Pick<VidgoStatusClient, 'getTask'> {
    return createVidgoClient(env, { maxRetries: 0 });
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const events = EVENTS_PATH.exec(url.pathname);
    if (url.pathname === '/watch' || events) {
      if (request.method !== 'GET') return answer(405, { detail: 'Method not allowed' }, { allow: 'GET' });
      const taskId = events ? decodeSegment(events[1]!) : url.searchParams.get('taskId');
      const lastEventId = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
      return this.#subscribe(request, taskId, url.searchParams.get('model') ?? undefined, lastEventId);
    }
    if (url.pathname === '/state' && request.method === 'GET') return answer(200, await this.#snapshot());
    if (url.pathname === '/refresh' && request.method === 'POST') {
      if ((await this.#load()) && this.#subscribers() > 0) await this.#poll();
      return answer(200, await this.#snapshot());
    }
    return answer(404, { detail: 'Not found: GET /watch?taskId=…, GET /api/generate/status/:taskId/events, GET /state, POST /refresh' });
  }

  override async alarm(): Promise<void> {
    await this.#poll();
  }

  /** Viewers have nothing to say: the socket carries the task one way. */
  override async webSocketMessage(): Promise<void> {}

  override async webSocketClose(webSocket: HibernatableWebSocket, code: number, reason: string): Promise<void> {
    try {
      // Completes the closing handshake (codes 1005 and 1006 cannot be sent back).
      webSocket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {}
    await this.#leave(webSocket);
  }

  override async webSocketError(webSocket: HibernatableWebSocket): Promise<void> {
    await this.#leave(webSocket);
  }

  async #subscribe(request: Request, taskId: string | null, model: string | undefined, lastEventId: string | null): Promise<Response> {
    try {
      encodeTaskId(taskId, 'TaskWatcher');
    } catch (error) {
      return invalidTaskIdAnswer(error);
    }
    const id = taskId!;
    let record = await this.#load();
    if (record && record.wait.taskId !== id) {
      return answer(409, { code: 'conflict', detail: `This TaskWatcher watches another task: address it with idFromName(taskId)` });
    }
    const webSocket = request.headers.get('upgrade')?.toLowerCase() === 'websocket';
    const final = this.#final?.task.task_id === id ? this.#final : undefined;
    if (!record && !final) {
      const { timeoutMs = 3_600_000 } = this.options;
      record = { wait: startWait(id, { model, timeoutMs }, Date.now()), watch: crypto.randomUUID().slice(0, 8), sequence: 0 };
      this.#record = record;
      await this.#state.storage.put(RECORD_KEY, record);
    }
    const { response, send, end } = webSocket ? webSocketViewer(this.#state) : this.#openStream();
    const current = record?.task ? taskMessage(record) : final;
    if (current && current.id !== lastEventId) send(current);
    if (!record) {
      // Finished while this instance lived: nothing to poll.
      end();
    } else if (!this.#polling && (await this.#state.storage.getAlarm()) === null) {
      // The first viewer: poll now, and the alarms take over from there.
      this.#background(this.#poll());
    }
    return response;
  }

  #openStream(): { response: Response; send: (message: WatchMessage) => void; end: () => void } {
    const { response, subscriber } = sseStream((left) => {
      if (this.#streams.delete(left)) this.#background(this.#leave());
    });
    this.#streams.add(subscriber);
    return {
      response,
      send: (message) => subscriber.send(message),
      end: () => {
        this.#streams.delete(subscriber);
        subscriber.end();
      },
    };
  }

  #poll(): Promise<void> {
    this.#polling ??= this.#pollOnce().finally(() => (this.#polling = undefined));
    return this.#polling;
  }

  async #pollOnce(): Promise<void> {
    const record = await this.#load();
    if (!record) return;
    if (this.#subscribers() === 0) return this.#stop();
    const generation = this.#generation;
    const { wait } = record;
    const { minIntervalMs = 2000, maxIntervalMs = 60_000, strategy = adaptiveStrategy } = this.options;
    if (Date.now() >= wait.deadline) return this.#fail({ type: 'error', code: 'wait_timeout', detail: 'Still running; reconnect to keep watching' });
    wait.attempts++;
    let delay: number;
    try {
      this.#client ??= this.createClient(this.env);
      const task = await this.#client.getTask(wait.taskId);
      if (generation !== this.#generation) return;
      const now = Date.now();
      const changed = observe(wait, task, now);
      wait.failures = ['not_started', 'running'].includes(task.status) || isTerminal(task) ? 0 : wait.failures + 1;
      record.task = task;
      if (changed) record.sequence++;
      const message = taskMessage(record);
      if (changed) this.#broadcast(message);
      else this.#ping();
      if (isTerminal(task)) {
        this.#final = message;
        this.#endAll(1000, 'finished');
        return this.#stop();
      }
      delay = Math.min(Math.max(strategy(wait, now), minIntervalMs), maxIntervalMs);
    } catch (error) {
      if (generation !== this.#generation) return;
      if (!isRetryable(error)) return this.#fail(errorMessage(error));
      wait.failures++;
      // Retry-After wins over the schedule and its ceiling.
      const { retryAfterMs } = error as { retryAfterMs?: number };
      delay = Math.max(retryAfterMs ?? Math.min(strategy(wait, Date.now()), maxIntervalMs), minIntervalMs);
      this.#ping();
    }
    // Everyone may have left while the request was out.
    if (this.#subscribers() === 0) return this.#stop();
    const now = Date.now();
    const untilLastPoll = wait.deadline - LAST_POLL_LEAD_MS - now;
    await this.#state.storage.put(RECORD_KEY, record);
    // Past the last poll, the next alarm is the deadline itself, which tells the viewers.
    await this.#state.storage.setAlarm(untilLastPoll > 0 ? now + Math.min(delay, untilLastPoll) : wait.deadline);
  }

  async #load(): Promise<WatchRecord | null> {
    if (this.#record === undefined) this.#record = (await this.#state.storage.get<WatchRecord>(RECORD_KEY)) ?? null;
    return this.#record;
  }

  /** Nobody watches any more, or the task is over: no alarm, nothing stored. */
  async #stop(): Promise<void> {
    this.#generation++;
    this.#record = null;
    await this.#state.storage.deleteAlarm();
    await this.#state.storage.deleteAll();
  }

  async #fail(message: WatchMessage): Promise<void> {
    this.#broadcast(message);
    this.#endAll(1011, message.type === 'error' ? message.code : 'error');
    await this.#stop();
  }

  async #leave(webSocket?: HibernatableWebSocket): Promise<void> {
    if ((await this.#load()) && this.#subscribers(webSocket) === 0) await this.#stop();
  }

  #webSockets(except?: HibernatableWebSocket): HibernatableWebSocket[] {
    return this.#state.getWebSockets().filter((socket) => socket !== except && socket.readyState === OPEN);
  }

  #subscribers(except?: HibernatableWebSocket): number {
    return this.#webSockets(except).length + this.#streams.size;
  }

  #broadcast(message: WatchMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.#webSockets()) {
      try {
        socket.send(text);
      } catch {}
    }
    for (const stream of this.#streams) stream.send(message);
  }

  #ping(): void {
    for (const stream of this.#streams) stream.ping();
  }

  #endAll(code: number, reason: string): void {
    for (const socket of this.#webSockets()) {
      try {
        socket.close(code, reason);
      } catch {}
    }
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
  }

  async #snapshot(): Promise<TaskWatcherSnapshot> {
    const record = await this.#load();
    return {
      taskId: record?.wait.taskId ?? this.#final?.task.task_id ?? null,
      task: record?.task ?? this.#final?.task ?? null,
      state: record?.wait ?? null,
      subscribers: { webSockets: this.#webSockets().length, eventStreams: this.#streams.size },
      alarm: await this.#state.storage.getAlarm(),
    };
  }

  /** Work that outlives the request that started it; its failure is logged, never thrown. */
  #background(promise: Promise<void>): void {
    const logged = promise.catch((error: unknown) => console.error('TaskWatcher:', error));
    this.#state.waitUntil?.(logged);
  }
}

function taskMessage(record: WatchRecord): WatchMessage & { type: 'task' } {
  return { type: 'task', id: `${record.watch}.${record.sequence}`, task: record.task! };
}
