import type { Fault, RequestLogEntry } from '../simulator-types.ts';
import type { Clock } from '../virtual-clock.ts';
import { answerStatus, answerSubmit, type RouteContext } from './api-routes.ts';
import { authenticate, type AuthResult } from './auth.ts';
import { clockDelay } from './clock-delay.ts';
import type { FaultQueue } from './fault-queue.ts';
import { malformedResponse, statusFaultResponse, truncatedResponse } from './fault-responses.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { errorResponse } from './responses.ts';
import { matchRoute, type RouteMatch } from './routes.ts';

/** What the engine decided; each face turns it into its own kind of answer. */
export type Outcome =
  | { type: 'response'; response: Response }
  | { type: 'drop' }
  | { type: 'hang' }
  | { type: 'aborted'; reason: unknown };

export interface EngineOptions extends RouteContext {
  clock: Clock;
  basePath: string;
  apiKeys: ReadonlySet<string>;
  faults: FaultQueue;
  rateLimiter?: RateLimiter;
  retryAfterSeconds?: number;
  log: RequestLogEntry[];
}

export type Dispatch = (request: Request, signal?: AbortSignal) => Promise<Outcome>;

export function createEngine(options: EngineOptions): Dispatch {
  const { clock } = options;

  async function answer(request: Request, match: RouteMatch, auth: AuthResult): Promise<Response> {
    if (options.rateLimiter && !options.rateLimiter.allow(clock.now())) {
      const headers: Record<string, string> = {};
      if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
      return errorResponse(options.errorShape, 429, 'Rate limit exceeded', headers);
    }
    if (match.route === 'other') {
      return match.answer === 'not-found'
        ? errorResponse('detail', 404, 'Not Found')
        : errorResponse('detail', 405, 'Method Not Allowed', { allow: match.allow });
    }
    if (auth.auth !== 'ok') {
      return errorResponse(options.errorShape, 401, auth.auth === 'missing' ? 'Missing API key' : 'Invalid API key');
    }
    return match.route === 'status'
      ? answerStatus(options, match.taskId, auth.apiKey)
      : answerSubmit(options, request, auth.apiKey);
  }

  return async function dispatch(request, signal) {
    const url = new URL(request.url);
    const match = matchRoute(request.method, url.pathname, options.basePath);
    const auth = authenticate(request.headers.get('authorization'), options.apiKeys);
    const entry: RequestLogEntry = {
      method: request.method,
      path: url.pathname,
      route: match.route,
      auth: auth.auth,
      status: 'pending',
      at: clock.now(),
    };
    if (match.route === 'status') entry.taskId = match.taskId;
    options.log.push(entry);

    const fault: Fault | undefined = options.faults.take(match);
    let response: Response;
    switch (fault?.type) {
      case 'drop':
        entry.status = 'dropped';
        return { type: 'drop' };
      case 'hang':
        entry.status = 'hung';
        return { type: 'hang' };
      case 'status':
        response = statusFaultResponse(fault, options.errorShape);
        break;
      case 'malformed':
        response = malformedResponse();
        break;
      case 'latency':
        try {
          await clockDelay(clock, fault.ms, signal);
        } catch (reason) {
          entry.status = 'aborted';
          return { type: 'aborted', reason };
        }
        response = await answer(request, match, auth);
        break;
      case 'truncated':
        response = await truncatedResponse(await answer(request, match, auth));
        break;
      case undefined:
        response = await answer(request, match, auth);
    }
    entry.status = response.status;
    return { type: 'response', response };
  };
}
