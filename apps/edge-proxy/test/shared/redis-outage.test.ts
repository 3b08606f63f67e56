import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_SECRET, type Cluster, ended, startCluster, until } from './support/cluster.ts';
import { freePort } from '../support/free-port.ts';
import { killReplicas, type Replica } from './support/replicas.ts';
import { states } from './support/sse-client.ts';

let cluster: Cluster;
let replicas: Replica[];
beforeAll(async () => {
  cluster = await startCluster();
  replicas = await cluster.start(2);
}, 30_000);
afterAll(async () => {
  killReplicas();
  await cluster?.stop();
});

const modes = () => Promise.all(replicas.map(async (replica) => (await cluster.health(replica))?.mode));

describe('a Redis restart mid-task', () => {
  it('degrades every replica to in-process, then rejoins; no watcher dropped, no event lost', async () => {
    const [first, second] = replicas as [Replica, Replica];
    const callbackUrl = `${second.url}/callbacks/vidgo/${CALLBACK_SECRET}`;
    const task = cluster.createTask({ queuedMs: 0, durationMs: 3000, callbackUrl });
    const watchers = [await cluster.watch(first, task), await cluster.watch(second, task)];
    await until(() => watchers.every((watcher) => watcher.events.length > 0), 'first events');

    await cluster.redis.kill();
    await until(async () => (await modes()).every((mode) => mode === 'degraded'), 'degraded on every replica');
    // Still serving while degraded: a status read, and a change told to that replica's watchers.
    const answer = await fetch(`${first.url}/api/generate/status/${task}`, { headers: { ...cluster.auth } });
    expect(answer.status).toBe(200);
    const seen = watchers[0]!.events.length;
    await cluster.hint(first, task);
    await until(() => watchers[0]!.events.length > seen, 'a change while degraded');

    await cluster.redis.restart();
    await until(async () => (await modes()).every((mode) => mode === 'shared'), 'shared again', 10_000);
    // The finish comes as a callback to the second replica, and reaches the first through Redis again.
    expect(await ended(watchers)).toEqual(['ended', 'ended']);
    for (const watcher of watchers) expect(states(watcher).at(-1)).toBe('finished:100');
    for (const watcher of watchers) expect(new Set(states(watcher)).size).toBe(states(watcher).length);
    for (const replica of replicas) {
      expect(replica.output().match(/Redis is unreachable/g)).toHaveLength(1);
      expect(replica.output().match(/Redis is back/g)).toHaveLength(1);
    }
  }, 30_000);

  it('a replica whose Redis never answers starts anyway, degraded, and serves in-process', async () => {
    const nowhere = `redis://:a-redis-password@127.0.0.1:${await freePort()}`;
    const [lonely] = (await cluster.start(1, { REDIS_URL: nowhere })) as [Replica];
    expect(await cluster.health(lonely)).toEqual({ ok: true, mode: 'degraded' });
    const task = cluster.createTask({ queuedMs: 0, durationMs: 0 });
    const watcher = await cluster.watch(lonely, task);
    expect(await watcher.closed).toBe('ended');
    expect(states(watcher)).toEqual(['finished:100']);
    expect(lonely.output().match(/Redis is unreachable/g)).toHaveLength(1);
    expect(lonely.output()).not.toContain('a-redis-password');
  }, 30_000);

  it('a Redis that stops answering (SIGSTOP) holds no request: the replicas go degraded, then back', async () => {
    const [first] = replicas as [Replica];
    const task = cluster.createTask({ queuedMs: 0, durationMs: 2000 });
    const watcher = await cluster.watch(first, task);
    await until(() => watcher.events.length > 0, 'a first event');
    const pid = Number(/process_id:(\d+)/.exec(await cluster.inspector.info('server'))![1]);
    process.kill(pid, 'SIGSTOP');
    try {
      const answer = await fetch(`${first.url}/api/generate/status/${task}`, { headers: cluster.auth });
      expect(answer.status).toBe(200);
      const second = await cluster.watch(replicas[1]!, task);
      expect(second.status).toBe(200);
      await until(async () => (await modes()).every((mode) => mode === 'degraded'), 'degraded');
      second.close();
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until(async () => (await modes()).every((mode) => mode === 'shared'), 'shared again');
    expect(await watcher.closed).toBe('ended');
    expect(states(watcher).at(-1)).toBe('finished:100');
  }, 30_000);
});
