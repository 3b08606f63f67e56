// The slice of the Workers runtime this package uses, declared here so that neither the package
// nor its users need @cloudflare/workers-types (whose full declarations are compatible with these).

/** `caches.default`, or a cache from `caches.open(name)`. */
export interface WorkersCache {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
}

/** The handler's `ctx`: keeps the Worker alive for work that outlasts the response. */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** A WebSocket as the Durable Object's hibernation API hands it over. */
export interface HibernatableWebSocket {
  readonly readyState: number;
  send(message: string): void;
  close(code?: number, reason?: string): void;
}

export interface DurableObjectStorageSlice {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  deleteAll(): Promise<void>;
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
  deleteAlarm(): Promise<void>;
}

/** The Durable Object's `ctx` (`DurableObjectState`), as far as `TaskWatcher` uses it. */
export interface DurableObjectStateSlice {
  readonly storage: DurableObjectStorageSlice;
  acceptWebSocket(webSocket: HibernatableWebSocket, tags?: string[]): void;
  getWebSockets(tag?: string): HibernatableWebSocket[];
  waitUntil?(promise: Promise<unknown>): void;
}

/** A Durable Object namespace binding (`env.TASK_WATCHER`), as far as `watchTaskEvents` uses it. */
export interface TaskWatcherNamespace<Id = unknown> {
  idFromName(name: string): Id;
  get(id: Id): { fetch(request: Request): Promise<Response> };
}
