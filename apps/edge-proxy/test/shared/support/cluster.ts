import { createVidgoSimulator, realClock, type TaskScript } from '@vidgo-sdk/testing';
import { Redis } from 'ioredis';
import { startRedis, type RedisServer } from './redis-server.ts';
import { startReplica, type Replica } from './replicas.ts';
import { openEvents, type SseClient } from './sse-client.ts';

// Shaped like real credentials; they only ever go to processes on 127.0.0.1.
export const UPSTREAM_KEY = 'vk_shared_tests_upstream_51f0';
export const PROXY_TOKEN = 'proxy-token-shared-tests-7a2c';
export const CALLBACK_SECRET = 'callback_secret_shared_tests_0';
export const auth = { authorization: `Bearer ${PROXY_TOKEN}` };

/**
 * Replicas of the proxy (real processes) in front of a simulated Vidgo served over HTTP from the
 * test's process, sharing a real `redis-server`: what a test of shared mode starts.
 */
export async function startCluster() {
  const redis = await startRedis();
  const simulator = createVidgoSimulator({ clock: realClock, apiKeys: [UPSTREAM_KEY] });
  const upstream = await simulator.listen();
  const inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  inspector.on('error', () => {});
  const replicas: Replica[] = [];
  const env = (extra: Record<string, string>) => ({
    VIDGO_API_KEY: UPSTREAM_KEY,
    VIDGO_BASE_URL: upstream.url,
    PROXY_TOKEN,
    CALLBACK_SECRET,
    REDIS_URL: redis.url,
    REDIS_LEASE_MS: '1000',
    ...extra,
  });
  return {
    redis: redis as RedisServer,
    simulator,
    upstreamUrl: upstream.url,
    inspector,
    auth,
    /** `count` replicas in shared mode; `REDIS_URL: ''` makes a replica of its own (local mode). */
    async start(
      count: number,
      extra: Record<string, string> = {},
      runtime: 'node' | 'deno' = 'node',
    ): Promise<Replica[]> {
      const started = await Promise.all(Array.from({ length: count }, () => startReplica(env(extra), runtime)));
      replicas.push(...started);
      return started;
    },
    createTask: (script: TaskScript) => simulator.createTask(script),
    /** Status requests the simulator served for a task. */
    polls: (taskId: string) =>
      simulator.requests.filter((request) => request.route === 'status' && request.taskId === taskId),
    /** The replica whose process holds the task's lease (its pid names it), if any. */
    async holder(taskId: string): Promise<Replica | undefined> {
      const owner = await inspector.get(`vidgo:lease:${taskId}`);
      return replicas.find((replica) => owner?.startsWith(`${replica.child.pid}-`));
    },
    watch: (replica: Replica, taskId: string, headers: Record<string, string> = {}) =>
      openEvents(`${replica.url}/api/generate/status/${taskId}/events`, { ...auth, ...headers }),
    /** Vidgo's callback for the task, to one replica: a hint to re-read it and tell every watcher. */
    async hint(replica: Replica, taskId: string): Promise<void> {
      const answer = await fetch(`${replica.url}/callbacks/vidgo/${CALLBACK_SECRET}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ task_id: taskId, status: 'running', files: [] }),
      });
      if (answer.status !== 202) throw new Error(`callback answered ${answer.status}`);
    },
    async health(replica: Replica): Promise<{ mode?: string } | undefined> {
      return fetch(`${replica.url}/healthz`).then(
        (response) => response.json() as Promise<{ mode?: string }>,
        () => undefined,
      );
    },
    async stop() {
      for (const replica of replicas) await replica.kill();
      inspector.disconnect();
      await upstream.close();
      await redis.kill();
    },
  };
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>;

/** Waits in short real-time steps (the processes run on real time), bounded. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const ended = (clients: SseClient[]) => Promise.all(clients.map((client) => client.closed));
