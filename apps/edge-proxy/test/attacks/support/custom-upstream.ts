import type { SimulatorOptions } from '@vidgo-sdk/testing';
import { proxyHarness } from '../../support/proxy-harness.ts';

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
  return proxyHarness(env, simulatorOptions, { wrapUpstream: wrap, clientAddress: () => '127.0.0.1' });
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
