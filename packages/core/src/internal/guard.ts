import type { Clock } from '../clock.ts';

/**
 * Runs `work` (or nothing: a plain sleep) against a timer and the caller's signal, settling on
 * whichever comes first. An abort rejects at once with the signal's reason, even when `work`
 * ignores the signal it is given; the timer settles with what `onTimeout` returns or throws
 * (undefined by default). Nothing is left scheduled once it has settled.
 */
export function guard<T>(
  ms: number,
  clock: Clock,
  signal?: AbortSignal,
  onTimeout: () => T = () => undefined as T,
  work?: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const controller = new AbortController();
    // Settles with what `outcome` returns or throws, once: later calls find the promise settled.
    const settle = (outcome: () => T) => {
      clock.clearTimeout(timer);
      // Removes the listener on the caller's signal too; harmless once the work is done, and stops
      // it when the timer or the caller won.
      controller.abort();
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const timer = clock.setTimeout(() => settle(onTimeout), ms);
    signal?.addEventListener(
      'abort',
      () =>
        settle(() => {
          throw signal.reason;
        }),
      { signal: controller.signal },
    );
    work?.(controller.signal).then(
      (value) => settle(() => value),
      (error: unknown) =>
        settle(() => {
          throw error;
        }),
    );
  });
}

// `sleep(ms, clock, signal)` waits on the injected clock, and an abort rejects it at once with
// the signal's reason: a guard with nothing to guard. An alias, not a wrapper, to ship it once.
export { guard as sleep };
