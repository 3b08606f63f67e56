import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Dispatch } from './engine.ts';

/** The simulator as msw request handlers for everything under `baseUrl`. */
export function createMswHandlers(dispatch: Dispatch, baseUrl: string): HttpHandler[] {
  return [
    http.all(`${baseUrl}/*`, async ({ request }) => {
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
