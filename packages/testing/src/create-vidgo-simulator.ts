import { CallbackDeliveries } from './internal/callback-deliveries.ts';
import { Credits } from './internal/credits.ts';
import { DISPATCH } from './internal/dispatch-key.ts';
import { createEngine } from './internal/engine.ts';
import { FaultQueue } from './internal/fault-queue.ts';
import { createFetchFace } from './internal/fetch-face.ts';
import { listenOnNode } from './internal/node-server.ts';
import { RateLimiter } from './internal/rate-limiter.ts';
import { TaskStore } from './internal/task-store.ts';
import type { RequestLogEntry, SimulatorOptions, VidgoSimulator } from './simulator-types.ts';
import { VirtualClock, type Clock } from './virtual-clock.ts';

const DEFAULT_BASE_URL = 'https://api.vidgo.ai';

/**
 * A simulated Vidgo API: scripted tasks on a clock, auth, faults, and three faces: `fetch`, a real
 * server (`listen`), and msw handlers (`createHandlers` from `@vidgo-sdk/testing/msw`).
 */
export function createVidgoSimulator<C extends Clock = VirtualClock>(
  options: SimulatorOptions<C> = {},
): VidgoSimulator<C> {
  // The default type argument matches the default clock; only an explicit, clockless
  // `createVidgoSimulator<OtherClock>()` could make this cast lie.
  const clock = options.clock ?? (new VirtualClock() as unknown as C);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const apiKeys = new Set(options.apiKeys ?? ['test-key']);
  const log: RequestLogEntry[] = [];
  const faults = new FaultQueue();
  const credits = new Credits();
  const callbacks = new CallbackDeliveries({
    clock,
    shape: options.callbackShape ?? 'envelope',
    ...(options.callbackFetch ? { fetch: options.callbackFetch } : {}),
  });
  const tasks = new TaskStore({ clock, seed: options.seed ?? 1, apiKeys, callbacks });
  const rateLimiter = options.rateLimit && new RateLimiter(options.rateLimit.requestsPerSecond);

  const dispatch = createEngine({
    clock,
    basePath,
    apiKeys,
    faults,
    log,
    tasks,
    credits,
    errorShape: options.errorShape ?? 'detail',
    ...(rateLimiter ? { rateLimiter } : {}),
    ...(options.rateLimit?.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: options.rateLimit.retryAfterSeconds }
      : {}),
    ...(options.submitScript ? { submitScript: options.submitScript } : {}),
  });
  const fetch = createFetchFace(dispatch);
  const simulator: VidgoSimulator<C> = {
    clock,
    baseUrl,
    createTask: (script) => tasks.create(script),
    getTask: (id) => tasks.wire(id),
    advance: (ms) => {
      if (!isVirtual(clock)) {
        return Promise.reject(
          new Error('simulator.advance needs a VirtualClock; this simulator was given another clock'),
        );
      }
      return clock.advance(ms);
    },
    inject: (fault) => faults.add(fault),
    setCredits: (apiKey, amount) => {
      if (!apiKeys.has(apiKey)) throw new Error("setCredits: apiKey is not one of the simulator's apiKeys");
      credits.set(apiKey, amount);
    },
    requests: log,
    callbacks: callbacks.log,
    reset: () => {
      tasks.reset();
      faults.clear();
      credits.reset();
      callbacks.reset();
      rateLimiter?.reset();
      log.length = 0;
    },
    fetch,
    handle: (request) => fetch(request),
    listen: (listenOptions) => listenOnNode(dispatch, basePath, listenOptions),
  };
  // Not enumerable, not in the type: only the msw subpath reads it.
  Object.defineProperty(simulator, DISPATCH, { value: dispatch });
  return simulator;
}

// Duck-typed rather than instanceof: a second copy of this package makes a second VirtualClock class.
function isVirtual(clock: Clock): clock is Clock & Pick<VirtualClock, 'advance'> {
  return typeof (clock as Partial<VirtualClock>).advance === 'function';
}
