import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, CALLBACK_SECRET, type Cluster, ended, startCluster, until } from './support/cluster.ts';
import { killReplicas, type Replica } from './support/replicas.ts';
import { states } from './support/sse-client.ts';

// One set of limits for the file, low enough for the last tests to reach.
const RATE_LIMIT = 30;
const STREAMS_PER_CLIENT = 8;
let cluster: Cluster;
let replicas: Replica[];
beforeAll(async () => {
  cluster = await startCluster();
  replicas = await cluster.start(3, {
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    MAX_STREAMS_PER_CLIENT: String(STREAMS_PER_CLIENT),
  });
}, 30_000);
afterAll(async () => {
  killReplicas();
  await cluster?.stop();
});

describe('replicas sharing Redis', () => {
  it('poll a task as often as one replica would, and a callback to one reaches the watchers of all', async () => {
    const [alone] = await cluster.start(1, { REDIS_URL: '', REDIS_LEASE_MS: '' });
    for (const replica of replicas) expect(await cluster.health(replica)).toEqual({ ok: true, mode: 'shared' });
    expect(await cluster.health(alone!)).toEqual({ ok: true, mode: 'local' });

    // Twins, each finished by Vidgo's callback to one replica: one watched through the cluster, one
    // through a replica on its own, whose upstream calls are what one replica costs.
    const callback = (origin: string) => `${origin}/callbacks/vidgo/${CALLBACK_SECRET}`;
    const script = { queuedMs: 0, durationMs: 3000 };
    const shared = cluster.createTask({ ...script, callbackUrl: callback(replicas[2]!.url) });
    const single = cluster.createTask({ ...script, callbackUrl: callback(alone!.url) });
    const watchers = [];
    for (const replica of replicas) for (let n = 0; n < 2; n++) watchers.push(await cluster.watch(replica, shared));
    const baseline = [await cluster.watch(alone!, single), await cluster.watch(alone!, single)];
    expect(await ended([...watchers, ...baseline])).toEqual(Array(8).fill('ended'));

    // The callback reached replicas[2] only; every replica's watchers saw the finish, with one id.
    for (const watcher of watchers) expect(states(watcher).at(-1)).toBe('finished:100');
    expect(new Set(watchers.map((watcher) => watcher.events.at(-1)!.id)).size).toBe(1);
    expect(watchers[0]!.events.at(-1)!.id).toMatch(/^\d+-\d+$/);
    expect(cluster.polls(shared).length).toBeLessThanOrEqual(cluster.polls(single).length + 1);
    // A status read of the finished task, on any replica, comes from the shared cache.
    const before = cluster.polls(shared).length;
    for (const replica of replicas) {
      const answer = await fetch(`${replica.url}/api/generate/status/${shared}`, { headers: auth });
      expect(((await answer.json()) as { data: { status: string } }).data.status).toBe('finished');
    }
    expect(cluster.polls(shared).length).toBe(before);
  }, 30_000);

  it('remember a 404 for all replicas', async () => {
    const ask = (index: number) =>
      fetch(`${replicas[index]!.url}/api/generate/status/task-unified-0-missing`, { headers: auth });
    expect((await ask(0)).status).toBe(404);
    expect((await ask(1)).status).toBe(404);
    expect(cluster.polls('task-unified-0-missing')).toHaveLength(1);
  }, 30_000);

  it('hold a client to its rate limit across replicas', async () => {
    const task = cluster.createTask({ queuedMs: 0, durationMs: 0 });
    // The earlier tests' requests counted for the same principal (PROXY_TOKEN): a fresh minute.
    await cluster.inspector.del('vidgo:rate:proxy-token');
    const answers: number[] = [];
    for (let n = 0; n < RATE_LIMIT + 6; n++) {
      const replica = replicas[n % replicas.length]!;
      answers.push((await fetch(`${replica.url}/api/generate/status/${task}`, { headers: auth })).status);
    }
    expect(answers.filter((status) => status === 200)).toHaveLength(RATE_LIMIT);
    expect(answers.slice(RATE_LIMIT)).toEqual(Array(6).fill(429));
  }, 30_000);

  it("cap a client's open streams across replicas, and give a slot back when a stream closes", async () => {
    const task = cluster.createTask({ queuedMs: 0, durationMs: 600_000 });
    await cluster.inspector.del('vidgo:rate:proxy-token');
    const open = [];
    for (let n = 0; n < STREAMS_PER_CLIENT; n++) open.push(await cluster.watch(replicas[n % 3]!, task));
    expect(open.map((client) => client.status)).toEqual(Array(STREAMS_PER_CLIENT).fill(200));
    for (const replica of replicas) {
      const refused = await fetch(`${replica.url}/api/generate/status/${task}/events`, { headers: auth });
      expect([refused.status, await refused.json()]).toEqual([429, { detail: 'Too many open streams' }]);
    }
    open[0]!.close();
    await until(async () => {
      const next = await cluster.watch(replicas[2]!, task);
      next.close();
      return next.status === 200;
    }, 'a slot given back');
    for (const client of open) client.close();
  }, 30_000);
});
