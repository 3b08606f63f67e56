import type { BenchChild } from './bench-child.ts';
import { collectGarbage } from './collect-garbage.ts';
import { percentile } from './percentile.ts';
import type { ProxyInfo, ProxyStats, UpstreamAnswer } from './proxy-probe.ts';
import { openWatchers } from './sse-watchers.ts';
import type { UpstreamInfo, UpstreamRequest } from './upstream-process.ts';

export interface FanOutFigures {
  watchers: number;
  /** Status requests the simulator served for the task. */
  upstreamPolls: number;
  /** The fewest and most `task` events a watcher received (the latest state on subscribing, then each change). */
  eventsPerWatcher: [number, number];
  /** From the simulator answering the poll that saw `finished` to each watcher's receipt of it. */
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  deliveryMaxMs: number;
  /** The proxy's share: from its having that answer in hand to the last watcher's receipt. */
  fanOutMaxMs: number;
  /** The proxy's own work in that: from the answer in hand to the last stream written and ended. */
  proxyWritesMs: number;
  /** CPU time the proxy process spent from the terminal answer to the end of every stream. */
  fanOutCpuMs: number;
  /** The proxy process's retained heap and RSS growth with every watcher connected, per watcher. */
  heapPerWatcherKB: number;
  rssPerWatcherKB: number;
  /** Time to open and subscribe every watcher. */
  openMs: number;
  /** What went wrong, if anything (missed events, watchers late or lost, extra loops). */
  problems: string[];
}

/** The task's script: short, so that it finishes in bounded real time, with progress that moves. */
const SCRIPT = { queuedMs: 0, durationMs: 8000, progress: 'linear' } as const;
/** Running while its watchers open; once it has finished, a hint ends their streams. */
const WARM_UP_SCRIPT = { queuedMs: 0, durationMs: 2000 } as const;
/** As many as the bare server's warm-up (`measureBareHttp`). */
export const WARM_UP_WATCHERS = 1000;
const eventsPath = (taskId: string) => `/api/generate/status/${encodeURIComponent(taskId)}/events`;

const waitUntil = async (what: string, condition: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * `count` watchers of one new task, on a proxy process of their own (so that its memory holds
 * nothing of another run), from their subscription to the end of the stream that the proxy
 * closes after the terminal event.
 */
export async function measureFanOut(
  count: number,
  upstream: BenchChild<UpstreamInfo>,
  startProxy: () => Promise<BenchChild<ProxyInfo>>,
  { spin = false }: { spin?: boolean } = {},
): Promise<FanOutFigures> {
  // Created first: the proxy's schedule polls it again about 15 s after its creation, whatever
  // the time the first watcher comes, so starting the proxy meanwhile costs no time.
  const [taskId] = await upstream.call<string[]>('createTasks', { count: 1, script: SCRIPT });
  const [warmUpTaskId] = await upstream.call<string[]>('createTasks', { count: 1, script: WARM_UP_SCRIPT });
  const warmUpEnds = Date.now() + WARM_UP_SCRIPT.durationMs;
  const proxy = await startProxy();
  const problems: string[] = [];
  try {
    // Once through the code of a watcher, to the end of its stream, so that the memory measured is
    // the watchers', not the JIT's, and the fan-out runs the code a proxy in service has run before.
    const warmUp = await openWatchers(proxy.info.url, eventsPath(warmUpTaskId!), WARM_UP_WATCHERS);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, warmUpEnds + 100 - Date.now())));
    await proxy.call('hint', warmUpTaskId);
    await warmUp.settled(10_000);
    warmUp.close();
    if (warmUp.records.some((record) => !record.ended))
      problems.push('the warm-up watchers did not see their task end');
    await waitUntil('the warm-up watchers to leave', async () => {
      const stats = await proxy.call<ProxyStats>('stats');
      return stats.connections === 0 && stats.watchers === 0;
    });
    const before = await proxy.call<NodeJS.MemoryUsage>('memory');
    await proxy.call('trace', true);

    const opening = Date.now();
    const group = await openWatchers(proxy.info.url, eventsPath(taskId!), count);
    const openMs = Date.now() - opening;
    try {
      const stats = await proxy.call<ProxyStats>('stats');
      // One loop for the task (the warm-up's ended with its task).
      if (stats.watchers !== count || stats.loops !== 1)
        problems.push(`hub had ${stats.watchers} watchers in ${stats.loops} loops once all were open`);
      const after = await proxy.call<NodeJS.MemoryUsage>('memory');
      collectGarbage();
      await group.settled(40_000, { spin });
      const fanOutCpuMs = await proxy.call<number>('cpuSinceTerminal');
      const proxyWritesMs = await proxy.call<number>('writtenSinceTerminal');

      const polls = await upstream.call<UpstreamRequest[]>('requests', taskId);
      const answers = await proxy.call<UpstreamAnswer[]>('answers', taskId);
      const terminalAnswer = answers.find((answer) => answer.status === 'finished');
      // The loop stops at the terminal answer: the last request the simulator served for the task.
      const terminalPoll = polls.at(-1);
      if (!terminalAnswer || !terminalPoll || answers.at(-1) !== terminalAnswer)
        problems.push('the last upstream answer was not the terminal one');

      const arrivals: number[] = [];
      let late = 0;
      let failed = 0;
      for (const record of group.records) {
        const terminal = record.events.find((event) => event.status === 'finished');
        if (terminal) arrivals.push(terminal.at);
        if (record.failure || !record.ended || !terminal) failed++;
        if (record.subscribedAt === undefined || (terminalPoll && record.subscribedAt >= terminalPoll.at)) late++;
      }
      const failure = group.records.find((record) => record.failure)?.failure;
      const because = failure ? ` (${failure})` : '';
      if (failed)
        problems.push(`${failed} watchers did not receive the terminal event and the end of the stream${because}`);
      if (late) problems.push(`${late} watchers subscribed after the terminal poll: their delivery is a replay`);
      arrivals.sort((a, b) => a - b);
      const delivery = arrivals.map((at) => at - (terminalPoll?.at ?? Number.NaN));
      // Below these counts the growth is lost in the noise of a collected heap and of RSS.
      const perWatcherKB = (bytes: number, least: number) => (count >= least ? bytes / count / 1024 : Number.NaN);
      const events = group.records.map((record) => record.events.length);
      return {
        watchers: count,
        upstreamPolls: polls.length,
        eventsPerWatcher: [Math.min(...events), Math.max(...events)],
        deliveryP50Ms: percentile(delivery, 0.5),
        deliveryP99Ms: percentile(delivery, 0.99),
        deliveryMaxMs: delivery.at(-1) ?? Number.NaN,
        fanOutMaxMs: (arrivals.at(-1) ?? Number.NaN) - (terminalAnswer?.at ?? Number.NaN),
        proxyWritesMs,
        fanOutCpuMs,
        heapPerWatcherKB: perWatcherKB(after.heapUsed - before.heapUsed, 100),
        rssPerWatcherKB: perWatcherKB(after.rss - before.rss, 10_000),
        openMs,
        problems,
      };
    } finally {
      group.close();
    }
  } finally {
    await proxy.stop();
  }
}
