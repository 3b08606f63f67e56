import type { BenchChild } from './bench-child.ts';
import { percentile } from './percentile.ts';
import type { ProxyInfo } from './proxy-process.ts';
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
  /** Status requests the simulator served for the task, from all replicas together. */
  upstreamPolls: number;
  /** From the simulator answering the read that saw `finished` to each watcher's receipt of it. */
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  deliveryMaxMs: number;
  problems: string[];
}

/**
 * `watchers` watchers of one new task, spread evenly over `replicas` replica processes sharing
 * Redis. The task finishes by Vidgo's callback to the first replica: its re-read is the terminal
 * answer, which goes through the task's Redis Stream to every replica and out to each watcher.
 */
export async function measureCluster(
  replicas: number,
  watchers: number,
  upstream: BenchChild<UpstreamInfo>,
  startReplica: StartReplica,
): Promise<ClusterFigures> {
  const proxies = await startReplicas(replicas, startReplica);
  const problems: string[] = [];
  const groups: WatcherGroup[] = [];
  try {
    const callbackUrl = `${proxies[0]!.info.url}/callbacks/vidgo/${CALLBACK_SECRET}`;
    const [taskId] = await upstream.call<string[]>('createTasks', {
      count: 1,
      script: { queuedMs: 0, durationMs: 6000, progress: 'linear', callbackUrl },
    });
    const each = Math.floor(watchers / replicas);
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
    delivery.sort((a, b) => a - b);
    return {
      replicas,
      watchers: each * replicas,
      upstreamPolls: polls.length,
      deliveryP50Ms: percentile(delivery, 0.5),
      deliveryP99Ms: percentile(delivery, 0.99),
      deliveryMaxMs: delivery.at(-1) ?? Number.NaN,
      problems: [...new Set(problems)],
    };
  } finally {
    for (const group of groups) group.close();
    await Promise.all(proxies.map((proxy) => proxy.stop()));
  }
}
