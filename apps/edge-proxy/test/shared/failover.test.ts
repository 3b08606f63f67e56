import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_SECRET, type Cluster, ended, startCluster, until } from './support/cluster.ts';
import { killReplicas, type Replica } from './support/replicas.ts';
import { type SseClient, states } from './support/sse-client.ts';

let cluster: Cluster;
let replicas: Replica[];
beforeAll(async () => {
  cluster = await startCluster();
  // Leases of 1 s (REDIS_LEASE_MS in startCluster): a dead holder is replaced within about that.
  replicas = await cluster.start(3);
}, 30_000);
afterAll(async () => {
  killReplicas();
  await cluster?.stop();
});

const ids = (client: SseClient) => client.events.filter((event) => event.event === 'task').map((event) => event.id!);

describe('when a replica dies', () => {
  it('kill -9 of the lease holder mid-task: a new holder takes over, every watcher left sees the finish', async () => {
    // Done by the time a new holder polls (about a lease after the kill), so its first read sees the finish;
    // were it not, the engine's next poll would (later, hence the long timeout).
    const task = cluster.createTask({ queuedMs: 0, durationMs: 1200 });
    const watchers = new Map<Replica, SseClient[]>();
    for (const replica of replicas)
      watchers.set(replica, [await cluster.watch(replica, task), await cluster.watch(replica, task)]);
    await until(() => [...watchers.values()].flat().every((watcher) => watcher.events.length > 0), 'first events');
    let holder: Replica | undefined;
    await until(async () => (holder = await cluster.holder(task)) !== undefined, 'a lease holder');
    const killedAt = Date.now();
    await holder!.kill();

    const survivors = replicas.filter((replica) => replica !== holder).flatMap((replica) => watchers.get(replica)!);
    expect(await ended(survivors)).toEqual(Array(4).fill('ended'));
    for (const watcher of survivors) expect(states(watcher).at(-1)).toBe('finished:100');
    expect(await ended(watchers.get(holder!)!)).toEqual(['broken', 'broken']);
    const takeover = cluster.polls(task).find((poll) => poll.at > killedAt);
    expect(takeover).toBeDefined();
    console.log(`takeover: first upstream poll ${takeover!.at - killedAt} ms after kill -9 (lease 1000 ms)`);
    replicas = replicas.filter((replica) => replica !== holder);
    replicas.push(...(await cluster.start(1)));
  }, 45_000);

  it('its own watchers reconnect to a survivor with Last-Event-ID and get exactly the events they missed', async () => {
    const [first, second, third] = replicas as [Replica, Replica, Replica];
    const callbackUrl = `${first.url}/callbacks/vidgo/${CALLBACK_SECRET}`;
    const task = cluster.createTask({ queuedMs: 0, durationMs: 3000, callbackUrl });
    const reference = await cluster.watch(first, task);
    await until(async () => (await cluster.holder(task)) !== undefined, 'a lease holder');
    // The victim is not the holder, so what is measured is the reconnect, not a takeover.
    const victim = (await cluster.holder(task)) === second ? third : second;
    const victims = [await cluster.watch(victim, task), await cluster.watch(victim, task)];
    await cluster.hint(first, task);
    await until(() => victims.every((watcher) => ids(watcher).includes(ids(reference).at(-1)!)), 'the hinted event');

    await victim.kill();
    expect(await ended(victims)).toEqual(['broken', 'broken']);
    // Changes while they are away (progress moves with time; each hint re-reads it).
    for (const _ of [1, 2]) {
      const seen = ids(reference).length;
      await new Promise((resolve) => setTimeout(resolve, 150));
      await cluster.hint(first, task);
      await until(() => ids(reference).length > seen, 'a missed event');
    }
    const reconnected = await Promise.all(
      victims.map((watcher) => cluster.watch(first, task, { 'last-event-id': ids(watcher).at(-1)! })),
    );
    expect(await ended([reference, ...reconnected])).toEqual(['ended', 'ended', 'ended']);
    for (const [index, watcher] of victims.entries()) {
      const seen = [...ids(watcher), ...ids(reconnected[index]!)];
      // Exactly the reference's events from the victim's first one on: none missing, none twice.
      expect(seen).toEqual(ids(reference).slice(ids(reference).indexOf(seen[0]!)));
      expect(ids(reconnected[index]!).length).toBeGreaterThanOrEqual(3);
    }
  }, 30_000);
});
