import type { BenchChild } from './bench-child.ts';
import type { BareFanOut, BareHttpInfo } from './bare-http-process.ts';
import { WARM_UP_WATCHERS } from './measure-fan-out.ts';
import { collectGarbage } from './collect-garbage.ts';
import { percentile } from './percentile.ts';
import { openWatchers } from './sse-watchers.ts';

export interface BareHttpFigures {
  watchers: number;
  /** From the bare server's starting to end its responses to each watcher's receipt of the event. */
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  deliveryMaxMs: number;
  /** The bare server's loop over its responses. */
  loopMs: number;
  problems: string[];
}

/**
 * How long the streams stay silent before their event: about as long as the proxy's watchers wait
 * for their task to finish (all open 6–8 s after its creation, they hear of its end from the poll
 * 15 s after it). A socket silent for seconds costs the kernel more to write to than one just
 * written to, and the floor should not be spared that.
 */
export const IDLE_MS = 8000;

/** Before the fan-out measured, the bare server's code has ended this many streams, as the proxy's has. */
async function warmUp(bare: BenchChild<BareHttpInfo>): Promise<void> {
  const group = await openWatchers(bare.info.url, '/', WARM_UP_WATCHERS);
  await bare.call<BareFanOut>('endAll');
  await group.settled(10_000);
  group.close();
}

/**
 * `count` watchers of a bare server, read by the same code as the proxy's watchers, in a fresh
 * process of its own warmed up as the proxy's is (`measureFanOut`).
 */
export async function measureBareHttp(
  count: number,
  startBare: () => Promise<BenchChild<BareHttpInfo>>,
  { spin = false }: { spin?: boolean } = {},
): Promise<BareHttpFigures> {
  const bare = await startBare();
  try {
    await warmUp(bare);
    return await measureWarm(count, bare, spin);
  } finally {
    await bare.stop();
  }
}

async function measureWarm(count: number, bare: BenchChild<BareHttpInfo>, spin: boolean): Promise<BareHttpFigures> {
  const group = await openWatchers(bare.info.url, '/', count);
  try {
    const problems: string[] = [];
    const open = await bare.call<number>('open');
    if (open !== count) problems.push(`the bare server held ${open} responses`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    collectGarbage();
    const { at, loopMs } = await bare.call<BareFanOut>('endAll');
    await group.settled(20_000, { spin });
    const arrivals = group.records.map((record) => record.events.find((event) => event.status === 'finished')?.at);
    const missing = arrivals.filter((arrival) => arrival === undefined).length;
    if (missing) problems.push(`${missing} watchers did not receive the event`);
    const delivery = arrivals
      .filter((arrival): arrival is number => arrival !== undefined)
      .map((arrival) => arrival - at)
      .sort((a, b) => a - b);
    return {
      watchers: count,
      deliveryP50Ms: percentile(delivery, 0.5),
      deliveryP99Ms: percentile(delivery, 0.99),
      deliveryMaxMs: delivery.at(-1) ?? Number.NaN,
      loopMs,
      problems,
    };
  } finally {
    group.close();
  }
}
