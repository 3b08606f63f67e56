import { createVidgoSimulator, VirtualClock, type SimulatorOptions } from '@vidgo-sdk/testing';
import { createApp } from '../../../src/create-app.ts';
import { inProcessRuntime } from '../../../src/in-process-runtime.ts';
import { createLog } from '../../../src/logger.ts';
import { readSettings } from '../../../src/settings.ts';
import { UPSTREAM_KEY } from '../../support/proxy-harness.ts';

/**
 * The harness's proxy (in process, virtual clock, simulator upstream), with the upstream's
 * answers passing through `wrap` first: a Vidgo that misbehaves in ways the simulator's faults do
 * not script (another task's id halfway through a watch, a body of 50 MB).
 */
export function proxyWithUpstream(
  wrap: (simulatorFetch: typeof fetch) => typeof fetch,
  env: Record<string, string> = {},
  simulatorOptions: SimulatorOptions = {},
) {
  const clock = new VirtualClock();
  const simulator = createVidgoSimulator({ clock, apiKeys: [UPSTREAM_KEY], ...simulatorOptions });
  const logs: string[] = [];
  const settings = readSettings({ VIDGO_API_KEY: UPSTREAM_KEY, ...env });
  const log = createLog([settings.apiKey, settings.proxyToken, settings.taskTokenSecret], (line) => logs.push(line));
  const runtime = inProcessRuntime({
    settings,
    log,
    clock,
    clientAddress: () => '127.0.0.1',
    upstreamFetch: wrap(simulator.fetch as typeof fetch),
    upstreamBaseUrl: simulator.baseUrl,
    upstreamApiKey: UPSTREAM_KEY,
  });
  const app = createApp(runtime);
  return {
    clock,
    simulator,
    runtime,
    logs,
    request: (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init)),
    run: <T>(promise: Promise<T>) => clock.run(promise),
    upstreamRequests: (taskId?: string) =>
      simulator.requests.filter((entry) => taskId === undefined || entry.taskId === taskId).length,
  };
}

/** Rewrites the JSON of each status answer (`{code, data}`) that `when` picks. */
export function rewritingAnswers(
  rewrite: (data: Record<string, unknown>) => void,
  when: (call: number) => boolean = () => true,
) {
  let calls = 0;
  return (simulatorFetch: typeof fetch): typeof fetch =>
    async (input, init) => {
      const response = await simulatorFetch(input, init);
      if (!when(++calls) || response.status !== 200) return response;
      const json = (await response.json()) as { data: Record<string, unknown> };
      rewrite(json.data);
      return Response.json(json, { status: 200 });
    };
}
