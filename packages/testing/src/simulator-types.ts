import type { Clock } from './virtual-clock.ts';

export interface SimulatorOptions<C extends Clock = Clock> {
  /** Accepted API keys; each is its own account. Default `['test-key']`. */
  apiKeys?: string[];
  /** Default: a new `VirtualClock` (and `simulator.clock` is typed as one). */
  clock?: C;
  /** The API's URL, which the msw handlers answer under; may carry a path prefix. Default `https://api.vidgo.ai`. */
  baseUrl?: string;
  /** Seeds ids, durations and progress noise, so runs are reproducible. Default 1. */
  seed?: number;
  /** Which documented error body to answer with. Default `'detail'`. */
  errorShape?: 'detail' | 'error';
  /** Which documented callback body to POST. Default `'envelope'`. */
  callbackShape?: 'envelope' | 'flat';
  /** Used to POST callbacks. Default: the global `fetch`, looked up at delivery time. */
  callbackFetch?: typeof fetch;
  /** Answers 429 when this many requests were already served in the trailing second of clock time. */
  rateLimit?: { requestsPerSecond: number; retryAfterSeconds?: number };
  /** Scripts the task a successful submit creates (model, owner and callback URL come from the request). */
  submitScript?: (body: SubmitBody) => TaskScript | undefined;
}

/** A validated submit body, as `submitScript` sees it. */
export interface SubmitBody {
  model: string;
  callback_url?: string;
  input: { prompt: string; [key: string]: unknown };
}

export interface WireFile {
  file_url: string;
  file_type: string;
}

export type WireTask = {
  task_id: string;
  status: string;
  files: WireFile[];
  created_time: string;
  progress: number;
  error_message: string | null;
  [key: string]: unknown;
};

export interface TaskScript {
  /** Default: generated like `task-unified-1757165031-uyujaw3d`. */
  id?: string;
  /** The owning account. Default: the first API key. */
  apiKey?: string;
  /** Default `'gpt-image-2'`; names like sora/veo/kling/wan/hailuo/runway/video make a video task. */
  model?: string;
  /** Time in `not_started`. Default: seeded, 0.5–3 s. */
  queuedMs?: number;
  /** Time in `running`. Default: seeded, 15–60 s for images, 90–300 s for videos. */
  durationMs?: number;
  outcome?: 'finished' | 'failed';
  /** Default `'The prompt violates our content policy'`. */
  errorMessage?: string;
  /** How many files a finished task has (default 1), or the exact files to show. */
  files?: number | WireFile[];
  /** Default: `image` or `video` by model. */
  fileType?: string;
  /** Default `'linear'`. */
  progress?: 'linear' | 'stepwise' | 'none';
  callbackUrl?: string;
  /**
   * Extra fields in the task JSON, after the documented ones. A documented key here overrides
   * its value in every state (keeping its place); `undefined` removes it from the wire.
   */
  extra?: Record<string, unknown>;
}

export interface RequestLogEntry {
  method: string;
  /** The URL path as received, still percent-encoded. */
  path: string;
  route: 'status' | 'submit' | 'other';
  /** The decoded task id of a status request. */
  taskId?: string;
  auth: 'ok' | 'missing' | 'invalid';
  /** `'pending'` while a latency fault holds the answer; `'aborted'` when the caller gave up first. */
  status: number | 'dropped' | 'hung' | 'pending' | 'aborted';
  /** `clock.now()` when the request arrived. */
  at: number;
}

export interface CallbackLogEntry {
  url: string;
  taskId: string;
  /** The receiver's HTTP status, or `'error'` when `callbackFetch` threw. */
  status: number | 'error';
  /** The thrown error's message when `status` is `'error'`. */
  error?: string;
  /** `clock.now()` when the delivery was attempted. */
  at: number;
}

export type Fault = (
  | {
      type: 'status';
      status: number;
      /** Sent as `Retry-After`: seconds, or an HTTP date string. */
      retryAfter?: number | string;
      /** Default: the simulator's `errorShape`. */
      body?: 'detail' | 'error' | 'text' | 'html' | 'json-garbage';
      /** Default: the status's reason phrase (`Request timeout` for 408, as documented). */
      message?: string;
    }
  | { type: 'latency'; ms: number }
  | { type: 'hang' }
  | { type: 'malformed' }
  | { type: 'truncated' }
  | { type: 'drop' }
) & {
  /** How many matching requests this fault affects. Default 1; `Infinity` allowed. */
  times?: number;
  /** Default `'any'`. */
  route?: 'status' | 'submit' | 'any';
  /** Only status requests for this task. */
  taskId?: string;
};

export interface InjectedFault {
  remove(): void;
  readonly remaining: number;
}

export interface ListenOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /**
   * Lets pages of any origin call it, as a browser test needs: every answer allows any origin,
   * and preflights are answered (`Authorization`, `Content-Type`, `Last-Event-ID`). Default false.
   */
  cors?: boolean;
}

export interface SimulatorServer {
  /** Base URL to point a client at, including the simulator's path prefix. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface VidgoSimulator<C extends Clock = Clock> {
  readonly clock: C;
  readonly baseUrl: string;
  /** Creates a task at `clock.now()` and returns its id. */
  createTask(script?: TaskScript): string;
  /** The wire Task JSON as the status endpoint would show it now. */
  getTask(id: string): WireTask | undefined;
  /** `clock.advance(ms)`; throws unless the clock is a `VirtualClock`. */
  advance(ms: number): Promise<void>;
  /** Queues a fault; faults are consumed first-in first-out among those matching a request. */
  inject(fault: Fault): InjectedFault;
  /**
   * Limits submits for one key: each costs a credit, and at 0 submit answers "Insufficient credits". `undefined`
   * lifts the limit.
   */
  setCredits(apiKey: string, credits: number | undefined): void;
  /** Every request handled, in order of arrival. Never holds an API key. */
  readonly requests: readonly RequestLogEntry[];
  /** Every callback delivery attempted, in order. */
  readonly callbacks: readonly CallbackLogEntry[];
  /** Clears tasks, faults, credits, logs and the rate-limit window, and reseeds the generator. */
  reset(): void;
  /**
   * The fetch face: a bound function that honours `init.signal`. A dropped connection rejects with
   * `TypeError('fetch failed')`.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The engine as a function of a Request; behaves like the fetch face with `request.signal`. */
  handle(request: Request): Promise<Response>;
  /** A real HTTP server (Node only). */
  listen(options?: ListenOptions): Promise<SimulatorServer>;
}
