import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisLeaseStore } from '../../src/shared/task-lease.ts';
import { isAfter, redisTaskStreams } from '../../src/shared/task-stream.ts';
import { type RedisServer, startRedis } from './support/redis-server.ts';

let server: RedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { maxRetriesPerRequest: 0 });
}, 15_000);
afterAll(async () => {
  redis?.disconnect();
  await server?.kill();
});

const task = (status: string, progress?: number) => ({
  task_id: 'task-1',
  status,
  files: [],
  ...(progress === undefined ? {} : { progress }),
});

describe('task streams in Redis', () => {
  it('add a change only when it is one, and nothing after the terminal state', async () => {
    const streams = redisTaskStreams(redis);
    const first = await streams.publish('task-a', { task: task('running', 10) });
    // The same state again (a new holder's first poll, a callback's re-read): the entry that stands.
    expect(await streams.publish('task-a', { task: task('running', 10) })).toBe(first);
    const second = await streams.publish('task-a', { task: task('running', 20) });
    expect(isAfter(second!, first!)).toBe(true);
    const finished = await streams.publish('task-a', { task: task('finished', 100) });
    expect(await streams.publish('task-a', { task: task('running', 30) })).toBe(finished);
    expect((await streams.range('task-a')).map((entry) => entry.task?.progress)).toEqual([10, 20, 100]);
    expect(await redis.pttl('vidgo:events:task-a')).toBeGreaterThan(0);
  });

  it('are bounded, and a hint for a task nobody watches adds nothing', async () => {
    const streams = redisTaskStreams(redis);
    expect(await streams.publish('task-b', { task: task('running', 1) }, true)).toBeUndefined();
    expect(await redis.exists('vidgo:events:task-b')).toBe(0);
    for (let progress = 0; progress < 400; progress++)
      await streams.publish('task-c', { task: task('running', progress) });
    expect(await redis.xlen('vidgo:events:task-c')).toBeLessThan(250);
  });
});

describe('task leases in Redis', () => {
  it('are held by one owner, renewed and released by that owner only', async () => {
    const leases = redisLeaseStore(redis);
    expect(await leases.acquire('task-d', 'a', 1000)).toBe(true);
    expect(await leases.acquire('task-d', 'b', 1000)).toBe(false);
    expect(await leases.renew('task-d', 'b', 1000)).toBe(false);
    expect(await leases.renew('task-d', 'a', 5000)).toBe(true);
    expect(await leases.remainingMs('task-d')).toBeGreaterThan(1000);
    await leases.release(['task-d'], 'b');
    expect(await redis.get('vidgo:lease:task-d')).toBe('a');
    await leases.release(['task-d', 'task-e'], 'a');
    expect(await redis.exists('vidgo:lease:task-d')).toBe(0);
    expect(await leases.remainingMs('task-d')).toBe(0);
  });
});
