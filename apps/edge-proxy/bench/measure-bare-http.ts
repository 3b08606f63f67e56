import type { BenchChild } from './bench-child.ts';
import type { BareFanOut, BareHttpInfo } from './bare-http-process.ts';
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

/** `count` watchers of the bare node:http server, read by the same code as the proxy's watchers. */
export async function measureBareHttp(count: number, bare: BenchChild<BareHttpInfo>): Promise<BareHttpFigures> {
  const group = await openWatchers(bare.info.url, '/', count);
  try {
    const problems: string[] = [];
    const open = await bare.call<number>('open');
    if (open !== count) problems.push(`the bare server held ${open} responses`);
    const { at, loopMs } = await bare.call<BareFanOut>('endAll');
    await group.settled(20_000);
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
