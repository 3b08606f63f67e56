import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_SECRET, type Cluster, ended, startCluster } from './support/cluster.ts';
import { killReplicas } from './support/replicas.ts';
import { states } from './support/sse-client.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 30_000);
afterAll(async () => {
  killReplicas();
  await cluster?.stop();
});

describe('shared mode on Deno', () => {
  it('a Deno replica and a Node replica share one Redis: same events, same ids', async () => {
    const [node] = await cluster.start(1);
    const [deno] = await cluster.start(1, {}, 'deno');
    expect(await cluster.health(deno!)).toEqual({ ok: true, mode: 'shared' });
    const callbackUrl = `${node!.url}/callbacks/vidgo/${CALLBACK_SECRET}`;
    const task = cluster.createTask({ queuedMs: 0, durationMs: 1500, callbackUrl });
    const watchers = [await cluster.watch(deno!, task), await cluster.watch(node!, task)];
    expect(await ended(watchers)).toEqual(['ended', 'ended']);
    for (const watcher of watchers) expect(states(watcher).at(-1)).toBe('finished:100');
    expect(watchers[0]!.events.at(-1)!.id).toBe(watchers[1]!.events.at(-1)!.id);
  }, 40_000);

  it('`deno task start` (its environment limited to the settings) says to use start:shared', () => {
    const app = fileURLToPath(new URL('../../', import.meta.url));
    const { tasks } = JSON.parse(readFileSync(`${app}deno.json`, 'utf8')) as { tasks: { start: string } };
    const allowEnv = tasks.start.split(' ').find((flag) => flag.startsWith('--allow-env='))!;
    const result = spawnSync(
      `${app}node_modules/deno/deno`,
      ['run', '--allow-net=127.0.0.1', allowEnv, 'src/entry/deno.ts'],
      {
        cwd: app,
        env: {
          ...process.env,
          DENO_NO_UPDATE_CHECK: '1',
          PORT: '0',
          REDIS_URL: 'redis://:a-redis-password@127.0.0.1:1',
        },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'edge-proxy: shared mode (REDIS_URL) on Deno needs the environment: run `deno task start:shared`',
    );
    expect(result.stderr + result.stdout).not.toContain('a-redis-password');
  }, 30_000);
});
