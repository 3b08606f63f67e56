// `@vidgo-sdk/testing/msw`: the simulator as msw request handlers. A subpath of its own so that
// the main entry never loads msw: the fetch face and the server run wherever fetch does (Deno,
// workerd without nodejs_compat) with no shim, and msw is only needed by those who import this.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { dispatchOf } from './internal/dispatch-key.ts';
import type { VidgoSimulator } from './simulator-types.ts';
import type { Clock } from './virtual-clock.ts';

/**
 * msw handlers for everything under `simulator.baseUrl`:
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createVidgoSimulator } from '@vidgo-sdk/testing';
 * import { createHandlers } from '@vidgo-sdk/testing/msw';
 *
 * const sim = createVidgoSimulator();
 * const server = setupServer(...createHandlers(sim));
 * ```
 */
export function createHandlers(simulator: VidgoSimulator<Clock>): HttpHandler[] {
  const dispatch = dispatchOf(simulator);
  return [
    http.all(`${simulator.baseUrl}/*`, async ({ request }) => {
      const outcome = await dispatch(request, request.signal);
      switch (outcome.type) {
        case 'response':
          return outcome.response;
        case 'drop':
          return HttpResponse.error();
        case 'hang':
        case 'aborted':
          // msw itself rejects the caller's fetch with the signal's reason on abort (and ignores
          // a late answer), so there is nothing left to say: stay silent for good.
          return new Promise<never>(() => {});
      }
    }),
  ];
}
