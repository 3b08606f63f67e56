import { VirtualClock } from '@vidgo-sdk/testing';
import { describe, expect, it } from 'vitest';
import { createLog } from '../../src/logger.ts';
import { gracefulShutdown, type ServerControls } from '../../src/ops/graceful-shutdown.ts';
import { shutdownHooks } from '../../src/ops/shutdown-hooks.ts';

/** A server whose connections drain when the test says so, recording what the shutdown did, and when. */
function fakeServer(clock: VirtualClock, { forceDrains = true } = {}) {
  const steps: string[] = [];
  let drain!: () => void;
  const drained = new Promise<void>((resolve) => {
    drain = resolve;
  });
  const at = (step: string) => steps.push(`${clock.now() - start} ${step}`);
  const start = clock.now();
  const controls: ServerControls = {
    stopAccepting: () => {
      at('stop accepting');
      return drained;
    },
    endStreams: (ms) => at(`end streams, retry ${ms}`),
    closeIdle: () => at('close idle'),
    forceClose: () => {
      at('force close');
      if (forceDrains) drain();
    },
  };
  return { controls, steps, drain, at };
}

function setUp(options: { forceDrains?: boolean } = {}) {
  const clock = new VirtualClock();
  const server = fakeServer(clock, options);
  const hooks = shutdownHooks();
  const logs: string[] = [];
  const exits: number[] = [];
  const log = createLog([], (line) => logs.push(line));
  const onSignal = gracefulShutdown(server.controls, { log, hooks, clock, exit: (code) => exits.push(code) });
  return { clock, server, hooks, logs, exits, onSignal };
}

const delay = (clock: VirtualClock, ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

describe('gracefulShutdown', () => {
  it('stops accepting, awaits the hooks, then ends the streams and exits 0 once drained', async () => {
    const { clock, server, hooks, exits, onSignal } = setUp();
    hooks.onShutdown(async () => {
      await delay(clock, 500);
      server.at('leases handed back');
    });
    onSignal('SIGTERM');
    await clock.advance(500);
    expect(server.steps).toEqual([
      '0 stop accepting',
      '500 leases handed back',
      '500 end streams, retry 1000',
      '500 close idle',
    ]);
    expect(exits).toEqual([]);
    server.drain();
    await clock.advance(0);
    expect(exits).toEqual([0]);
    // Nothing left behind: no sweep, no deadline.
    expect(clock.pendingTimers).toBe(0);
  });

  it('closes idle connections again and again while requests drain', async () => {
    const { clock, server, exits, onSignal } = setUp();
    onSignal('SIGTERM');
    await clock.advance(1000);
    expect(server.steps.filter((step) => step.endsWith('close idle'))).toHaveLength(6);
    server.drain();
    await clock.advance(0);
    expect(exits).toEqual([0]);
  });

  it('does not wait for a hook that hangs, nor stop for one that fails', async () => {
    const { clock, server, hooks, logs, exits, onSignal } = setUp();
    hooks.onShutdown(() => new Promise(() => {}));
    hooks.onShutdown(() => {
      throw new Error('Redis is gone');
    });
    onSignal('SIGTERM');
    await clock.advance(2999);
    expect(server.steps).toEqual(['0 stop accepting']);
    await clock.advance(1);
    expect(server.steps).toContain('3000 end streams, retry 1000');
    expect(logs.join('\n')).toMatch(/a shutdown hook failed error="Redis is gone"/);
    expect(logs.join('\n')).toMatch(/shutdown hooks still running: going on without them pending=1/);
    server.drain();
    await clock.advance(0);
    expect(exits).toEqual([0]);
  });

  it('closes by force what is still open 2 s before the deadline, and exits 0', async () => {
    const { clock, server, logs, exits, onSignal } = setUp();
    onSignal('SIGTERM');
    await clock.advance(7999);
    expect(server.steps).not.toContain('8000 force close');
    await clock.advance(1);
    expect(server.steps).toContain('8000 force close');
    expect(logs.join('\n')).toMatch(/connections still open: closing them/);
    expect(exits).toEqual([0]);
  });

  it('exits 1 at the 10 s deadline whatever still hangs', async () => {
    const { clock, logs, exits, onSignal } = setUp({ forceDrains: false });
    onSignal('SIGTERM');
    await clock.advance(9999);
    expect(exits).toEqual([]);
    await clock.advance(1);
    expect(exits).toEqual([1]);
    expect(logs.at(-1)).toMatch(/shutdown deadline reached/);
  });

  it('exits 130 at once on a second signal', async () => {
    const { clock, exits, onSignal } = setUp();
    onSignal('SIGTERM');
    await clock.advance(100);
    onSignal('SIGINT');
    expect(exits).toEqual([130]);
  });
});

describe('shutdownHooks', () => {
  it('runs every hook at once, and a removed one not at all', async () => {
    const clock = new VirtualClock();
    const hooks = shutdownHooks();
    const ran: string[] = [];
    hooks.onShutdown(async () => {
      await delay(clock, 100);
      ran.push(`a at ${clock.now() - start}`);
    });
    hooks.onShutdown(async () => {
      await delay(clock, 100);
      ran.push(`b at ${clock.now() - start}`);
    });
    const remove = hooks.onShutdown(() => void ran.push('removed'));
    remove();
    const start = clock.now();
    await clock.run(hooks.run({ timeoutMs: 3000, clock, log: () => {} }));
    expect(ran).toEqual(['a at 100', 'b at 100']);
  });
});
