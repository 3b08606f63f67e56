import { DurableObject } from 'cloudflare:workers';
import { isTerminal, type Task, type VidgoLiteClient } from '@vidgo-sdk/core';
import { encodeTaskId } from '@vidgo-sdk/core/internal';
import { createVidgoClient, type VidgoEnv } from './create-vidgo-client.ts';
import { failureResponse } from './internal/failure-answer.ts';
import { FirstReads } from './internal/first-read.ts';
import { answer, invalidTaskIdAnswer } from './internal/json-answer.ts';
import { reportFailure } from './internal/report-failure.ts';
import { Viewers } from './internal/viewers.ts';
import { closeQuietly } from './internal/websocket-viewer.ts';
import { pollWatch } from './internal/watch-poll.ts';
import { type WatchRoute, watcherRoute } from './internal/watcher-route.ts';
import {
  clearRecord,
  firstRecord,
  RECORD_KEY,
  saveRecord,
  taskMessage,
  type WatchRecord,
} from './internal/watch-record.ts';
import { withDefaults, type TaskWatcherOptions } from './task-watcher-options.ts';
import { snapshotOf, type TaskWatcherSnapshot } from './task-watcher-snapshot.ts';
import type { WatchMessage } from './watch-message.ts';
import type { DurableObjectStateSlice, HibernatableWebSocket } from './workers-types.ts';

export type { TaskWatcherOptions } from './task-watcher-options.ts';

export type { TaskWatcherSnapshot } from './task-watcher-snapshot.ts';

// RFC 6455: the peer broke the rules (a viewer has nothing to say).
const POLICY_VIOLATION = 1008;

/**
 * A Durable Object that watches ONE task (address it with `idFromName(taskId)`) for any number of
 * viewers, over Server-Sent Events or WebSockets (hibernation API), with one polling loop.
 *
 * The first viewer's request waits for a first poll: a task that cannot be watched (404, 403,
 * upstream failing) is answered with that HTTP status and no stream, which EventSource takes as
 * final. Then polls are alarms (`storage.setAlarm`), each judged by the core's engine step
 * (`pollStep`), whose state is persisted: a watch survives eviction and hibernation with its
 * deadline and estimate, and no request or timer is held open between polls. Each change goes to
 * every viewer; the watch stops when the task is finished or failed (the viewers are then told
 * and disconnected), or `lingerMs` after the last viewer left, and the storage is emptied then.
 *
 * Routes: see `internal/watcher-route.ts` and the package README.
 *
 * To configure it, extend it: override `options`, or `createClient` for the client's options.
 * It extends the runtime's `DurableObject`, so `wrangler types` and `ctx.exports` know it as one.
 */
export class TaskWatcher<Env extends VidgoEnv = VidgoEnv> extends DurableObject<Env> {
  /** The schedule's bounds, the linger and the negative cache; override in a subclass. */
  protected readonly options: TaskWatcherOptions = {};
  /** `this.ctx`, as far as this class uses it (the base class types `ctx` as the program does). */
  readonly #state: DurableObjectStateSlice;
  readonly #viewers: Viewers;
  readonly #firstReads: FirstReads;
  #client?: Pick<VidgoLiteClient, 'getTask'>;
  /** Storage, read once per instance: undefined until read, null when nobody watches. */
  #record?: WatchRecord | null;
  #polling?: Promise<void>;
  /** Changes when a watch stops, so that a poll in flight then does not carry on. */
  #generation = 0;
  /** The terminal task, while this instance lives: late viewers get it without a poll. */
  #final?: WatchMessage & { type: 'task' };

  constructor(ctx: DurableObjectStateSlice, env: Env) {
    // Typed as the slice here; the base class's parameter is the runtime's full DurableObjectState.
    super(ctx as never, env);
    this.#state = ctx;
    this.#viewers = new Viewers(ctx, () => this.#background(this.#leave()));
    this.#firstReads = new FirstReads({
      negativeCacheMs: () => withDefaults(this.options).negativeCacheMs,
      now: () => Date.now(),
      report: (error, failure) => reportFailure(`first read answered ${failure.status}`, error),
    });
  }

  /**
   * The client that polls: from `env` (`VIDGO_API_KEY`, `VIDGO_BASE_URL`), with no retries of its
   * own since a failed poll is retried by the next alarm. Override to pass other options.
   */
  protected createClient(env: Env): Pick<VidgoLiteClient, 'getTask'> {
    return createVidgoClient(env, { maxRetries: 0 });
  }

  /**
   * The Durable Object's HTTP face: `watchTaskEvents` forwards a viewer's request here (SSE, or a
   * WebSocket on upgrade); `GET /state` answers a `TaskWatcherSnapshot`.
   */
  override async fetch(request: Request): Promise<Response> {
    const route = watcherRoute(request);
    if (route.kind === 'answer') return route.response;
    if (route.kind === 'watch') return this.#subscribe(request, route);
    if (route.kind === 'refresh' && (await this.#load()) && this.#viewers.count() > 0) await this.#poll();
    return answer(200, await this.#snapshot());
  }

  /** Runs the next poll when it is due, or ends a watch nobody watches any more. */
  override async alarm(): Promise<void> {
    const record = await this.#load();
    if (!record) return;
    if (this.#viewers.count() === 0) return this.#idle(record);
    await this.#poll();
  }

  /** Viewers have nothing to say: one that talks is closed, so that chatter costs nothing. */
  override async webSocketMessage(webSocket: HibernatableWebSocket): Promise<void> {
    closeQuietly(webSocket, POLICY_VIOLATION, 'viewers send nothing');
    await this.#leave(webSocket);
  }

  /** A viewer's WebSocket closed: completes the handshake and forgets the viewer. */
  override async webSocketClose(webSocket: HibernatableWebSocket, code: number, reason: string): Promise<void> {
    // Completes the closing handshake (codes 1005 and 1006 cannot be sent back).
    closeQuietly(webSocket, code === 1005 || code === 1006 ? 1000 : code, reason);
    await this.#leave(webSocket);
  }

  /** A viewer's WebSocket failed: forgets the viewer. */
  override async webSocketError(webSocket: HibernatableWebSocket): Promise<void> {
    await this.#leave(webSocket);
  }

  async #subscribe(request: Request, { taskId, model, lastEventId }: WatchRoute): Promise<Response> {
    try {
      encodeTaskId(taskId, 'TaskWatcher');
    } catch (error) {
      return invalidTaskIdAnswer(error);
    }
    const id = taskId!;
    const stored = await this.#load();
    if (stored && stored.wait.taskId !== id) {
      return answer(409, {
        code: 'conflict',
        detail: `This TaskWatcher watches another task: address it with idFromName(taskId)`,
      });
    }
    if (!stored?.task && this.#final?.task.task_id !== id) {
      // Nothing fresh to show: the stream opens only once a first poll says there is a task.
      const outcome = await this.#firstReads.read(id, () => this.#begin(id, model));
      if ('failure' in outcome) return failureResponse(outcome.failure);
    }
    // What #begin left, or the watch that was already running (perhaps lingering).
    const record = this.#record?.wait.taskId === id ? this.#record : null;
    const final = this.#final?.task.task_id === id ? this.#final : undefined;
    const viewer = this.#viewers.open(request.headers.get('upgrade')?.toLowerCase() === 'websocket');
    const current = record?.task ? taskMessage(record) : final;
    if (current && current.id !== lastEventId) viewer.send(current);
    if (record) await this.#resume(record);
    // Finished while this instance lived: nothing to poll.
    else viewer.end();
    return viewer.response;
  }

  /** The first poll of a watch: it starts the watch, or throws what the first viewer is told. */
  async #begin(id: string, model: string | undefined): Promise<Task> {
    this.#client ??= this.createClient(this.env);
    const task = await this.#client.getTask(id);
    const { record } = firstRecord(id, task, { ...this.options, model }, Date.now());
    // Over already: nothing is stored, and late viewers are told from memory.
    if (isTerminal(task)) this.#final = taskMessage(record);
    else {
      // A poll in flight over a record stored by an earlier version must not overwrite this one.
      this.#generation++;
      this.#record = record;
      await this.#schedule(record);
    }
    return task;
  }

  /** A viewer arrived: a lingering watch carries on, and the poll it skipped goes out now. */
  async #resume(record: WatchRecord): Promise<void> {
    if (record.idleSince !== undefined) {
      delete record.idleSince;
      if ((record.nextPollAt ?? 0) > Date.now()) return this.#schedule(record);
      this.#background(this.#poll());
    } else if (!this.#polling && (await this.#state.storage.getAlarm()) === null) {
      // A record with no alarm (stored by an earlier version): poll, and the alarms take over.
      this.#background(this.#poll());
    }
  }

  #poll(): Promise<void> {
    this.#polling ??= this.#pollOnce().finally(() => (this.#polling = undefined));
    return this.#polling;
  }

  /** One alarm's poll: the core's engine step decides what the outcome means and when to poll next. */
  async #pollOnce(): Promise<void> {
    const record = await this.#load();
    if (!record) return;
    const generation = this.#generation;
    const getTask = (id: string) => (this.#client ??= this.createClient(this.env)).getTask(id);
    const poll = await pollWatch(record, getTask, this.options, () => generation === this.#generation);
    if (poll.type === 'stale') return;
    if (poll.type === 'failed') return this.#fail(poll.message);
    if (poll.changed) this.#viewers.broadcast(taskMessage(record));
    else this.#viewers.ping();
    if (poll.type === 'ended') {
      this.#final = taskMessage(record);
      this.#viewers.endAll(1000, 'finished');
      return this.#stop();
    }
    // Everyone may have left while the request was out (an SSE viewer is noticed at a write).
    if (this.#viewers.count() === 0) record.idleSince ??= Date.now();
    // The next poll, or after a timeout the deadline, whose alarm tells the viewers.
    await this.#schedule(record);
  }

  /** Stores the record and sets the alarm: the next poll, or the linger's end while nobody watches. */
  async #schedule(record: WatchRecord): Promise<void> {
    await saveRecord(this.#state.storage, record, withDefaults(this.options).lingerMs, Date.now());
  }

  /** An alarm while nobody watches: the linger ends the watch, or carries on to its end. */
  async #idle(record: WatchRecord): Promise<void> {
    record.idleSince ??= Date.now();
    if (Date.now() >= record.idleSince + withDefaults(this.options).lingerMs) return this.#stop();
    await this.#schedule(record);
  }

  async #load(): Promise<WatchRecord | null> {
    if (this.#record === undefined) this.#record = (await this.#state.storage.get<WatchRecord>(RECORD_KEY)) ?? null;
    return this.#record;
  }

  /** The task is over, or nobody came back: no alarm, nothing stored. */
  async #stop(): Promise<void> {
    this.#generation++;
    this.#record = null;
    await clearRecord(this.#state.storage);
  }

  async #fail(message: WatchMessage & { type: 'watch-failed' }): Promise<void> {
    this.#viewers.broadcast(message);
    this.#viewers.endAll(1011, message.code);
    await this.#stop();
  }

  /** A viewer left: when it was the last one, the watch lingers (see `lingerMs`). */
  async #leave(webSocket?: HibernatableWebSocket): Promise<void> {
    const record = await this.#load();
    if (!record || record.idleSince !== undefined || this.#viewers.count(webSocket) > 0) return;
    record.idleSince = Date.now();
    await this.#schedule(record);
  }

  readonly #snapshot = async (): Promise<TaskWatcherSnapshot> =>
    snapshotOf(await this.#load(), this.#final, this.#viewers.counts(), await this.#state.storage.getAlarm());

  /** Work that outlives the request that started it; its failure is logged, never thrown. */
  #background(promise: Promise<void>): void {
    const logged = promise.catch((error: unknown) => console.error('TaskWatcher:', error));
    this.#state.waitUntil?.(logged);
  }
}
