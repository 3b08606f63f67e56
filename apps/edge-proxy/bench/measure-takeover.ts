import { Redis } from 'ioredis';
import type { BenchChild } from './bench-child.ts';
import { eventsPath, type StartReplica, startReplicas } from './measure-cluster.ts';
import { openWatchers, type WatcherGroup } from './sse-watchers.ts';
import type { UpstreamInfo, UpstreamRequest } from './upstream-process.ts';

export interface TakeoverFigures {
  /** Per run: from `kill -9` of the lease holder to the next replica's first upstream read of the task. */
  takeoverMs: number[];
  problems: string[];
}

const waitFor = async <T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * `runs` times: a long task watched on each of `replicas` replicas, its lease holder killed
 * (`kill -9`: no lease handed back), and the time until another replica polls it. A new replica
 * replaces the dead one before the next run.
 */
export async function measureTakeover(
  runs: number,
  replicas: number,
  upstream: BenchChild<UpstreamInfo>,
  startReplica: StartReplica,
  redisUrl: string,
): Promise<TakeoverFigures> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 0 });
  const proxies = await startReplicas(replicas, startReplica);
  const takeoverMs: number[] = [];
  const problems: string[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const [taskId] = await upstream.call<string[]>('createTasks', {
        count: 1,
        script: { queuedMs: 0, durationMs: 600_000, progress: 'linear' },
      });
      const groups: WatcherGroup[] = await Promise.all(
        proxies.map((proxy) => openWatchers(proxy.info.url, eventsPath(taskId!), 10)),
      );
      // The lease's value names its holder's process (`<pid>-<random>`).
      const holder = await waitFor('a lease holder', async () => {
        const owner = await redis.get(`vidgo:lease:${taskId}`);
        return proxies.find((proxy) => owner?.startsWith(`${proxy.pid}-`));
      });
      const killedAt = Date.now();
      await holder.kill();
      const first = await waitFor('another replica to poll', async () =>
        (await upstream.call<UpstreamRequest[]>('requests', taskId)).find((request) => request.at > killedAt),
      );
      takeoverMs.push(first.at - killedAt);
      for (const group of groups) group.close();
      proxies.splice(proxies.indexOf(holder), 1, await startReplica());
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    redis.disconnect();
  }
  return { takeoverMs, problems };
}
