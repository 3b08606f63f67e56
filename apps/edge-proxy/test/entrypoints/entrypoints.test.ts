import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../src/settings.ts';
import { eventually } from '../support/served-over-http.ts';
import {
  entrypoints,
  killGroup,
  type Runtime,
  startEntry,
  startTaskFlag,
  startWrangler,
} from '../support/entry-process.ts';
import { checkProxyOverHttp } from './http-checks.ts';

describe.each(Object.keys(entrypoints) as Runtime[])('the %s entrypoint over real HTTP', (runtime) => {
  it('serves the proxy and its demo on the embedded simulator, says so, and stops on SIGTERM', async () => {
    const { child, url, output } = await startEntry(runtime, {});
    await checkProxyOverHttp(url, { loopbackOpen: true });
    expect(output()).toMatch(/embedded simulated Vidgo/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('stops at once on a bad setting, with one clear line', async () => {
    const error = await startEntry(runtime, { PORT: 'eighty' }).catch(
      (error: { code: number; output: string }) => error,
    );
    expect(error).toMatchObject({ code: 1 });
    expect((error as { output: string }).output.trim()).toBe('edge-proxy: PORT must be a port number, got "eighty"');
  }, 30_000);
});

describe('deno task start', () => {
  it('grants the entrypoint every setting it reads, and no other variable', () => {
    expect(startTaskFlag('--allow-env=').slice('--allow-env='.length).split(',').sort()).toEqual(
      [...SETTING_NAMES].sort(),
    );
    expect(startTaskFlag('--allow-net=')).toBe('--allow-net=127.0.0.1,localhost,api.vidgo.ai');
  });
});

describe('the Workers entrypoint over real HTTP (wrangler dev, local workerd)', () => {
  it('serves the same proxy, its SSE from the TaskWatcher Durable Object', async () => {
    const { child, url } = await startWrangler();
    // On Workers client addresses are not trusted: the default config serves credentials only.
    const refused = await fetch(`${url}/api/generate/status/task-1`, { headers: { origin: 'http://127.0.0.1' } });
    expect(refused.status).toBe(401);
    await checkProxyOverHttp(url, { loopbackOpen: false });
    killGroup(child, 'SIGTERM');
  }, 90_000);

  it('answers a bad setting with a generic 500, its detail only in the log', async () => {
    const { child, output } = await startWrangler(['PROXY_TOKEN:short-secret']).then(async (started) => {
      const answer = await fetch(`${started.url}/healthz`);
      expect(answer.status).toBe(500);
      const body = await answer.text();
      expect(JSON.parse(body)).toEqual({ detail: 'The proxy is misconfigured' });
      expect(body).not.toContain('short-secret');
      return started;
    });
    await eventually(() => /PROXY_TOKEN must be at least 16/.test(output()), 'the detail in the log');
    expect(output()).not.toContain('short-secret');
    killGroup(child, 'SIGTERM');
  }, 90_000);
});
