import { untilAborted } from './clock-delay.ts';
import type { Dispatch } from './engine.ts';

export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * The simulator as a `fetch`: same rejections as the real one (TypeError on a dropped connection, the signal's
 * reason on abort).
 */
export function createFetchFace(dispatch: Dispatch): FetchFunction {
  return async (input, init) => {
    const request = new Request(input, init);
    // The caller's own signal, not the Request's copy: its reason is what fetch rejects with.
    const signal = init?.signal ?? request.signal;
    if (signal.aborted) throw signal.reason;
    const outcome = await dispatch(request, signal);
    switch (outcome.type) {
      case 'response':
        // A real fetch that is aborted before the answer arrives rejects, whatever the answer.
        if (signal.aborted) throw signal.reason;
        // A fetched Response knows its URL; one built in memory does not until told.
        Object.defineProperty(outcome.response, 'url', { value: request.url });
        return outcome.response;
      case 'drop':
        throw new TypeError('fetch failed', { cause: new Error('The simulated connection was dropped') });
      case 'hang':
        return untilAborted(signal);
      case 'aborted':
        throw outcome.reason;
    }
  };
}
