import type { Clock } from '@vidgo-sdk/core/internal';
import type { Log } from '../logger.ts';

/** Work to finish before the process exits (the shared mode hands its leases back here). */
export type ShutdownHook = () => void | Promise<void>;

export interface ShutdownHooks {
  /** Adds a hook; returns the function that removes it. */
  onShutdown(hook: ShutdownHook): () => void;
  /**
   * Runs every hook at once and waits for them all, but no longer than `timeoutMs`: a hook that
   * fails or hangs is logged, and the shutdown goes on without it.
   */
  run(options: { timeoutMs: number; clock: Clock; log: Log }): Promise<void>;
}

export function shutdownHooks(): ShutdownHooks {
  const hooks = new Set<ShutdownHook>();
  return {
    onShutdown(hook) {
      // Wrapped, so the same function added twice runs twice and each removal removes one.
      const entry: ShutdownHook = () => hook();
      hooks.add(entry);
      return () => void hooks.delete(entry);
    },
    async run({ timeoutMs, clock, log }) {
      let pending = hooks.size;
      const all = Promise.all(
        [...hooks].map(async (hook) => {
          try {
            await hook();
          } catch (error) {
            log('error', 'a shutdown hook failed', { error: error instanceof Error ? error.message : String(error) });
          } finally {
            pending--;
          }
        }),
      );
      let timer: unknown;
      const late = new Promise<'late'>((resolve) => {
        timer = clock.setTimeout(() => resolve('late'), timeoutMs);
      });
      const outcome = await Promise.race([all, late]);
      clock.clearTimeout(timer);
      if (outcome === 'late') log('warn', 'shutdown hooks still running: going on without them', { pending });
    },
  };
}
