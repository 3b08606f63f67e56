// A child of bench/proxy.ts: the simulated Vidgo as a real HTTP server on 127.0.0.1, in its own
// process, so that neither the load generator nor the proxy shares its event loop.
import { createVidgoSimulator, realClock, type TaskScript } from '@vidgo-sdk/testing';
import { answerParent } from './bench-child.ts';

export interface UpstreamInfo {
  url: string;
}

export interface UpstreamRequest {
  /** When the simulator received it (and computed the task's state), epoch ms. */
  at: number;
  status: number | string;
}

const apiKey = process.env.BENCH_UPSTREAM_KEY!;
const simulator = createVidgoSimulator({ clock: realClock, apiKeys: [apiKey] });
const server = await simulator.listen();

answerParent(
  { url: server.url } satisfies UpstreamInfo,
  {
    createTasks: ({ count, script }: { count: number; script: TaskScript }) =>
      Array.from({ length: count }, () => simulator.createTask(script)),
    /** The status requests the simulator has served for one task, in order of arrival. */
    requests: (taskId: string): UpstreamRequest[] =>
      simulator.requests.filter((entry) => entry.taskId === taskId).map(({ at, status }) => ({ at, status })),
    requestCount: () => simulator.requests.length,
  },
  () => server.close(),
);
