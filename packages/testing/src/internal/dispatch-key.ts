import type { Dispatch } from './engine.ts';

// How `@vidgo-sdk/testing/msw` reaches a simulator's engine without it being public API. A
// registry-wide symbol rather than a module-level WeakMap: the CommonJS build bundles each entry
// on its own, so the two entries may hold two copies of this module.
export const DISPATCH = Symbol.for('vidgo-sdk.testing.dispatch');

/** The engine behind `simulator`, attached by `createVidgoSimulator`. */
export function dispatchOf(simulator: object): Dispatch {
  const dispatch = (simulator as { [DISPATCH]?: Dispatch })[DISPATCH];
  if (typeof dispatch !== 'function')
    throw new TypeError('createHandlers: pass a simulator made by createVidgoSimulator');
  return dispatch;
}
