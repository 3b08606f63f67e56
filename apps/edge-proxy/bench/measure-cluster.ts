import type { BenchChild } from './bench-child.ts';
import { median, percentile } from './percentile.ts';
import type { ProxyInfo } from './proxy-probe.ts';
import { openWatchers, type WatcherGroup } from './sse-watchers.ts';
import type { UpstreamInfo, UpstreamRequest } from './upstream-process.ts';

export const CALLBACK_SECRET = 'bench_cluster_callback_0123456789';
export type StartReplica = () => Promise<BenchChild<ProxyInfo>>;
export const eventsPath = (taskId: string) => `/api/generate/status/${encodeURIComponent(taskId)}/events`;

/**
 * One after the other: each child is bundled by scripts/run-ts.mjs into the same file, which a
 * second child starting at once could read half-written.
 */
export async function startReplicas(count: number, startReplica: StartReplica): Promise<BenchChild<ProxyInfo>[]> {
  const started: BenchChild<ProxyInfo>[] = [];
  for (let index = 0; index < count; index++) started.push(await startReplica());
  return started;
}

export interface ClusterFigures {
  replicas: number;
  watchers: number;
  /** Status requests the simulator served for each round's task, from all replicas together. */
  upstreamPolls: number[];
  /**
   * From the simulator answering the read that saw `finished` to each watcher's receipt of it:
   * medians over the rounds.
   */
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  /** The slowest delivery of all rounds. */
  deliveryMaxMs: number;
  problems: string[];
}

interface Round {
  polls: number;
  delivery: number[];
  problems: string[];
}

/**
 * `rounds` times, `watchers` watchers of one new task, spread evenly over `replicas` replica
 * processes sharing Redis. The task finishes by Vidgo's callback to the first replica: its re-read
 * is the terminal answer, which goes through the task's Redis Stream to every replica and out to
 * each watcher. Several rounds, since one on a shared 2-core machine is at the mercy of the moment.
 */
export async function measureCluster(
  replicas: number,
  watchers: number,
  rounds: number,
  upstream: BenchChild<UpstreamInfo>,
  startReplica: StartReplica,
): Promise<ClusterFigures> {
  const proxies = await startReplicas(replicas, startReplica);
  const each = Math.floor(watchers / replicas);
  try {
    const results: Round[] = [];
    for (let round = 0; round < rounds; round++) results.push(await measureRound(proxies, each, upstream));
    const p = (values: number[], q: number) =>
      percentile(
        [...values].sort((a, b) => a - b),
        q,
      );
    const p99s = results.map((result) => p(result.delivery, 0.99));
    return {
      replicas,
      watchers: each * replicas,
      upstreamPolls: results.map((result) => result.polls),
      deliveryP50Ms: median(results.map((result) => p(result.delivery, 0.5))),
      deliveryP99Ms: median(p99s),
      deliveryMaxMs: Math.max(...results.map((result) => p(result.delivery, 1))),
      problems: [...new Set(results.flatMap((result) => result.problems))],
    };
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
  }
}

async function measureRound(
  proxies: BenchChild<ProxyInfo>[],
  each: number,
  upstream: BenchChild<UpstreamInfo>,
): Promise<Round> {
  const problems: string[] = [];
  const groups: WatcherGroup[] = [];
  try {
    const callbackUrl = `${proxies[0]!.info.url}/callbacks/vidgo/${CALLBACK_SECRET}`;
    const [taskId] = await upstream.call<string[]>('createTasks', {
      count: 1,
      script: { queuedMs: 0, durationMs: 5000, progress: 'linear', callbackUrl },
    });
    groups.push(
      ...(await Promise.all(proxies.map((proxy) => openWatchers(proxy.info.url, eventsPath(taskId!), each)))),
    );
    await Promise.all(groups.map((group) => group.settled(30_000)));
    const polls = await upstream.call<UpstreamRequest[]>('requests', taskId);
    const terminalPoll = polls.at(-1);
    const delivery: number[] = [];
    let failed = 0;
    for (const record of groups.flatMap((group) => group.records)) {
      const terminal = record.events.find((event) => event.status === 'finished');
      if (terminal && terminalPoll) delivery.push(terminal.at - terminalPoll.at);
      if (record.failure || !record.ended || !terminal) failed++;
      if (record.subscribedAt === undefined || (terminalPoll && record.subscribedAt >= terminalPoll.at))
        problems.push('a watcher subscribed after the terminal read: its delivery is a replay');
    }
    if (failed) problems.push(`${failed} watchers did not receive the terminal event and the end of the stream`);
    return { polls: polls.length, delivery, problems };
  } finally {
    for (const group of groups) group.close();
  }
}
