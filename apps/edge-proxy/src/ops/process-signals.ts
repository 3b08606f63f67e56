import { systemClock } from '@vidgo-sdk/core/internal';
import type { Log } from '../logger.ts';
import { gracefulShutdown, type ServerControls } from './graceful-shutdown.ts';
import type { ShutdownHooks } from './shutdown-hooks.ts';

/** SIGINT and SIGTERM run the graceful shutdown, on a runtime with Node's `process` (Node, Bun). */
export function shutdownOnSignals(
  controls: ServerControls,
  options: { log: Log; hooks: ShutdownHooks; requestTimeoutMs: number },
): void {
  const stop = gracefulShutdown(controls, {
    log: options.log,
    hooks: options.hooks,
    clock: systemClock,
    exit: (code) => process.exit(code),
    // A request slower than this would have been cut by the server's own check, which a closing server stops.
    drainTimeoutMs: Math.min(options.requestTimeoutMs, 8000),
  });
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
