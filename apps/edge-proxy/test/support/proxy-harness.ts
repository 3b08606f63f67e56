import { createVidgoSimulator, VirtualClock, type SimulatorOptions } from '@vidgo-sdk/testing';
import type { ClientAddress } from '../../src/access/pre-auth-limit.ts';
import { createApp } from '../../src/create-app.ts';
import { inProcessRuntime } from '../../src/in-process-runtime.ts';
import { createLog } from '../../src/logger.ts';
import type { ProxyMetrics } from '../../src/ops/proxy-metrics.ts';
import { readSettings } from '../../src/settings.ts';
import type { SseResponder } from '../../src/watch/sse-encoding.ts';

/** Shaped like a real key, so that a leak would be easy to spot. */
export const UPSTREAM_KEY = 'vk_live_proxy_upstream_5f4e3d2c1b';

/** Where a harness client says it comes from: the `x-client-address` header (default 127.0.0.1), read only here. */
const headerAddress: ClientAddress = (request) => request.headers.get('x-client-address') ?? '127.0.0.1';

export interface HarnessOptions {
  sse?: SseResponder;
  /** Default: the `x-client-address` header. Over real HTTP, the socket's address. */
  clientAddress?: ClientAddress;
  /** Upstream's answers pass through this first: a Vidgo that misbehaves in ways the faults do not script. */
  wrapUpstream?: (simulatorFetch: typeof fetch) => typeof fetch;
  /** Where the proxy counts what `/metrics` shows (`createProxyMetrics()`); none by default. */
  metrics?: ProxyMetrics;
}

/**
 * The proxy in process, over a simulated Vidgo on a virtual clock. Clients say where they come
 * from with an `x-client-address` header (default 127.0.0.1), which only this harness reads.
 */
export function proxyHarness(
  env: Record<string, string> = {},
  simulatorOptions: SimulatorOptions = {},
  { sse, clientAddress = headerAddress, wrapUpstream = (fetch) => fetch, metrics }: HarnessOptions = {},
) {
  const clock = new VirtualClock();
  const simulator = createVidgoSimulator({ clock, apiKeys: [UPSTREAM_KEY], ...simulatorOptions });
  const logs: string[] = [];
  const settings = readSettings({ VIDGO_API_KEY: UPSTREAM_KEY, ...env });
  const log = createLog(
    [
      settings.apiKey,
      settings.proxyToken,
      settings.callbackSecret,
      settings.callbackSecretPrevious,
      settings.taskTokenSecret,
    ],
    (line) => logs.push(line),
    { format: settings.ops.logFormat, now: () => clock.now() },
  );
  const runtime = inProcessRuntime({
    settings,
    log,
    clock,
    clientAddress,
    upstreamFetch: wrapUpstream(simulator.fetch as typeof fetch),
    upstreamBaseUrl: simulator.baseUrl,
    upstreamApiKey: UPSTREAM_KEY,
    ...(sse ? { sse } : {}),
    ...(metrics ? { metrics } : {}),
  });
  const app = createApp(runtime);
  return {
    clock,
    simulator,
    app,
    runtime,
    logs,
    request: (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init)),
    run: <T>(promise: Promise<T>) => clock.run(promise),
    upstreamRequests: (taskId?: string) =>
      simulator.requests.filter((entry) => taskId === undefined || entry.taskId === taskId).length,
  };
}

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads an SSE body into events until it ends, or until `stop` says so. */
export async function readEvents(
  response: Response,
  stop: (events: SseEvent[]) => boolean = () => false,
): Promise<SseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).trimStart();
        if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
      }
      if (event.event || event.data) events.push(event);
      if (stop(events)) {
        await reader.cancel();
        return events;
      }
    }
  }
}
