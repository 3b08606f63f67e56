import type { Clock } from '@vidgo-sdk/core/internal';
import type { Log } from '../logger.ts';
import type { ShutdownHooks } from './shutdown-hooks.ts';

/** What differs per runtime in a shutdown (Node's http.Server, Deno.serve). */
export interface ServerControls {
  /** Stops accepting connections at once; resolves when the last open one is gone. */
  stopAccepting(): Promise<void>;
  /** Ends every open event stream with a retry hint, so browsers reconnect (to another replica). */
  endStreams(reconnectAfterMs: number): void;
  /** Closes keep-alive connections that carry no request now (Node; Deno's shutdown does it itself). */
  closeIdle?(): void;
  /**
   * Closes every connection still open, mid-request or not (Node). Needed because a closing Node
   * server no longer enforces its headers and request timeouts: a slow client would hold it open.
   */
  forceClose?(): void;
}

export interface ShutdownOptions {
  log: Log;
  hooks: ShutdownHooks;
  clock: Clock;
  exit: (code: number) => void;
  /** Whatever happens, the process exits this long after the signal. Default 10 s. */
  deadlineMs?: number;
  /** When connections still open are closed by force (`forceClose`). Default 2 s before the deadline. */
  drainTimeoutMs?: number;
  /** How long the hooks (leases handed back) may take before the streams are ended anyway. Default 3 s. */
  hooksTimeoutMs?: number;
  /** The `retry:` hint the streams end with. Default 1 s: soon, but not all at the same instant. */
  reconnectAfterMs?: number;
  /** How often idle connections are closed while requests drain. Default 200 ms. */
  idleSweepMs?: number;
}

/**
 * The shutdown, on SIGTERM or SIGINT: stop accepting connections; run the hooks (the shared mode
 * hands its leases back, so another replica polls at once rather than at their expiry); end every
 * event stream with a short `retry:` hint; close keep-alive connections as they fall idle; exit 0
 * once none is left, closing by force what is still open at `drainTimeoutMs`. A hard deadline
 * exits 1 whatever still hangs (a hook, a blocked server). Returns the signal handler: a
 * second signal exits 130 at once, as an impatient operator expects.
 */
export function gracefulShutdown(controls: ServerControls, options: ShutdownOptions): (signal: string) => void {
  const { log, hooks, clock, exit } = options;
  const { deadlineMs = 10_000, hooksTimeoutMs = 3000, reconnectAfterMs = 1000, idleSweepMs = 200 } = options;
  const drainTimeoutMs = Math.min(options.drainTimeoutMs ?? deadlineMs - 2000, deadlineMs);
  let started = false;
  let exited = false;
  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    exit(code);
  };

  const run = async (signal: string) => {
    const startedAt = clock.now();
    log('info', 'shutting down: no new connections, streams told to reconnect elsewhere', { signal });
    const deadline = clock.setTimeout(() => {
      log('error', 'shutdown deadline reached: exiting with connections still open', { deadlineMs });
      finish(1);
    }, deadlineMs);
    const drained = controls.stopAccepting();
    const forceClose = controls.forceClose;
    const force = forceClose
      ? clock.setTimeout(() => {
          log('warn', 'connections still open: closing them', { drainTimeoutMs });
          forceClose();
        }, drainTimeoutMs)
      : undefined;
    await hooks.run({ timeoutMs: hooksTimeoutMs, clock, log });
    controls.endStreams(reconnectAfterMs);
    let sweep: unknown;
    const closeIdle = controls.closeIdle;
    if (closeIdle) {
      const again = () => {
        closeIdle();
        sweep = clock.setTimeout(again, idleSweepMs);
      };
      again();
    }
    try {
      await drained;
    } catch (error) {
      log('error', 'closing the server failed', { error: error instanceof Error ? error.message : String(error) });
    }
    for (const timer of [sweep, force, deadline]) if (timer !== undefined) clock.clearTimeout(timer);
    log('info', 'stopped', { ms: clock.now() - startedAt });
    finish(0);
  };

  return (signal) => {
    if (started) {
      finish(130);
      return;
    }
    started = true;
    run(signal).catch((error: unknown) => {
      log('error', 'shutdown failed', { error: error instanceof Error ? error.message : String(error) });
      finish(1);
    });
  };
}
