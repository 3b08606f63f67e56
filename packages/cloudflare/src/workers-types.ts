// The slice of the Workers runtime this package uses, declared here so that neither the package
// nor its users need @cloudflare/workers-types (whose full declarations are compatible with these).

/** `caches.default`, or a cache from `caches.open(name)`. */
export interface WorkersCache {
  /** The cached response for the URL, or undefined. */
  match(request: string): Promise<Response | undefined>;
  /** Stores the response under the URL, for as long as its `Cache-Control` allows. */
  put(request: string, response: Response): Promise<void>;
}

/** The handler's `ctx`: keeps the Worker alive for work that outlasts the response. */
export interface WaitUntilContext {
  /** Keeps the Worker alive until the promise settles. */
  waitUntil(promise: Promise<unknown>): void;
}

/** A WebSocket as the Durable Object's hibernation API hands it over. */
export interface HibernatableWebSocket {
  /** `WebSocket.OPEN` (1) while messages can be sent. */
  readonly readyState: number;
  /** Sends a text message. */
  send(message: string): void;
  /** Closes the connection with a code and reason. */
  close(code?: number, reason?: string): void;
}

/** The Durable Object's `ctx.storage`, as far as `TaskWatcher` uses it. */
export interface DurableObjectStorageSlice {
  /** The value stored under the key, or undefined. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a value under the key. */
  put<T>(key: string, value: T): Promise<void>;
  /** Removes every key. */
  deleteAll(): Promise<void>;
  /** When the alarm is set for (epoch ms), or null. */
  getAlarm(): Promise<number | null>;
  /** Sets the alarm (epoch ms), replacing any other. */
  setAlarm(scheduledTime: number): Promise<void>;
  /** Cancels the alarm. */
  deleteAlarm(): Promise<void>;
}

/** The Durable Object's `ctx` (`DurableObjectState`), as far as `TaskWatcher` uses it. */
export interface DurableObjectStateSlice {
  /** Transactional key-value storage and the alarm. */
  readonly storage: DurableObjectStorageSlice;
  /** Takes over a WebSocket so that the object can hibernate while it stays open. */
  acceptWebSocket(webSocket: HibernatableWebSocket, tags?: string[]): void;
  /** The WebSockets accepted and still open, those with `tag` when one is given. */
  getWebSockets(tag?: string): HibernatableWebSocket[];
  /** Keeps the object alive until the promise settles. */
  waitUntil?(promise: Promise<unknown>): void;
}

/** A Durable Object namespace binding (`env.TASK_WATCHER`), as far as `watchTaskEvents` uses it. */
export interface TaskWatcherNamespace<Id = unknown> {
  /** The id of the object for a name: the same name, the same object. */
  idFromName(name: string): Id;
  /** A stub of the object, whose `fetch` reaches its `fetch` handler. */
  get(id: Id): {
    /** Sends a request to the object's `fetch` handler. */
    fetch(request: Request): Promise<Response>;
  };
}
