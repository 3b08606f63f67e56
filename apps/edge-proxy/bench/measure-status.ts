import { median } from './percentile.ts';
import { measureLatency, measureLoad, type Target } from './status-load.ts';

export interface StatusCase {
  name: string;
  target: Target;
  /** Also time requests one at a time. */
  unloaded: boolean;
  /** Whether the proxy is in the path: only then are its upstream calls counted. */
  viaProxy: boolean;
}

export interface RoundFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  unloadedP50Ms: number;
  unloadedP99Ms: number;
}

export interface StatusFigures extends RoundFigures {
  name: string;
  /** Upstream calls the proxy made per request answered, over all rounds (NaN without the proxy). */
  upstreamCallsPerRequest: number;
  rounds: RoundFigures[];
}

export interface StatusOptions {
  rounds: number;
  connections: number;
  seconds: number;
  warmUpSeconds: number;
  unloadedRequests: number;
  /** The proxy's count of calls that reached upstream. */
  upstreamCalls(): Promise<number>;
}

/**
 * Each case in turn, round after round, so that a slow spell of the machine (two cores, shared)
 * falls on every case alike rather than on one; each figure is the median of its rounds.
 */
export async function measureStatus(cases: StatusCase[], options: StatusOptions): Promise<StatusFigures[]> {
  for (const { target } of cases)
    await measureLoad(target, { connections: options.connections, seconds: options.warmUpSeconds });
  const rounds = cases.map(() => [] as RoundFigures[]);
  const calls = cases.map(() => ({ upstream: 0, requests: 0 }));
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, { name, target, unloaded }] of cases.entries()) {
      const before = await options.upstreamCalls();
      const load = await measureLoad(target, { connections: options.connections, seconds: options.seconds });
      calls[index]!.upstream += (await options.upstreamCalls()) - before;
      calls[index]!.requests += load.requests;
      if (load.failures) throw new Error(`${name}: ${load.failures} of ${load.requests} requests failed`);
      const latency = unloaded
        ? await measureLatency(target, options.unloadedRequests)
        : { p50Ms: Number.NaN, p99Ms: Number.NaN };
      rounds[index]!.push({
        requestsPerSecond: load.requestsPerSecond,
        latencyP50Ms: load.latencyP50Ms,
        latencyP99Ms: load.latencyP99Ms,
        unloadedP50Ms: latency.p50Ms,
        unloadedP99Ms: latency.p99Ms,
      });
    }
  }
  return cases.map(({ name, viaProxy }, index) => {
    const of = (key: keyof RoundFigures) => median(rounds[index]!.map((figures) => figures[key]));
    return {
      name,
      requestsPerSecond: of('requestsPerSecond'),
      latencyP50Ms: of('latencyP50Ms'),
      latencyP99Ms: of('latencyP99Ms'),
      unloadedP50Ms: of('unloadedP50Ms'),
      unloadedP99Ms: of('unloadedP99Ms'),
      upstreamCallsPerRequest: viaProxy ? calls[index]!.upstream / calls[index]!.requests : Number.NaN,
      rounds: rounds[index]!,
    };
  });
}
