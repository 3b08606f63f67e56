import type { Clock } from '../clock.ts';

/**
 * Runs `work` (or nothing: a plain sleep) against a timer and the caller's signal, settling on
 * whichever comes first. An abort rejects at once with the signal's reason, even when `work`
 * ignores the signal it is given; the timer settles with what `onTimeout` returns or throws.
 * Nothing is left scheduled once it has settled.
 */
export function guard<T>(
  clock: Clock,
  signal: AbortSignal | undefined,
  ms: number,
  onTimeout: () => T,
  work?: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const controller = new AbortController();
    const settle = (failed: boolean, value: unknown) => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Harmless once the work is done; stops it when the timer or the caller won.
      controller.abort(value);
      (failed ? reject : resolve)(value as T);
    };
    const onAbort = () => settle(true, signal!.reason);
    const timer = clock.setTimeout(() => {
      try {
        settle(false, onTimeout());
      } catch (error) {
        settle(true, error);
      }
    }, ms);
    signal?.addEventListener('abort', onAbort);
    work?.(controller.signal).then(
      (value) => settle(false, value),
      (error: unknown) => settle(true, error),
    );
  });
}

/** Waits on the injected clock; an abort rejects at once with the signal's reason. */
export const sleep = (ms: number, clock: Clock, signal?: AbortSignal): Promise<void> =>
  guard(clock, signal, ms, () => undefined);
