// The whole example on this machine: a simulated Vidgo, the repository's edge proxy (its Node
// entrypoint, as its own process, configured only through its environment, as you would deploy
// it), and the backend serving the page. `pnpm start` runs it; the test runs the same.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createVidgoClient } from '@vidgo-sdk/core/lite';
import { createVidgoSimulator, realClock } from '@vidgo-sdk/testing';
import { build } from 'esbuild';
import { createBackend } from './backend.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = fileURLToPath(new URL('../', import.meta.url));
const SIMULATOR_KEY = 'vk_example_simulated_key_0123456789';

export interface Stack {
  /** The page. */
  url: string;
  proxyUrl: string;
  close(): Promise<void>;
}

/** `@vidgo-sdk/core` as one ES module for the page: what your bundler, or a CDN, would give it. */
async function coreForTheBrowser(): Promise<string> {
  const result = await build({
    stdin: { contents: "export * from '@vidgo-sdk/core';", resolveDir: example, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@vidgo-sdk/source'],
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

/** Starts the proxy's Node entrypoint with `env` and resolves with its address, once it listens. */
function startProxy(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  // The proxy serves its own demo page too, which it bundles first (`pnpm start` does the same).
  execFileSync(process.execPath, ['apps/edge-proxy/scripts/bundle-demo.mjs'], { cwd: root, stdio: 'ignore' });
  const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'apps/edge-proxy/src/entry/node.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) resolve({ url: listening[1]!, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the proxy exited (${code}): ${output}`)));
  });
}

export async function startStack({ port = 3000, proxyPort = 8787 } = {}): Promise<Stack> {
  const simulator = await createVidgoSimulator({
    clock: realClock,
    apiKeys: [SIMULATOR_KEY],
    // Short tasks, so that a person (or a test) sees one through in seconds.
    submitScript: () => ({ queuedMs: 1500, durationMs: 3000 }),
  }).listen();
  const taskTokenSecret = `example-task-token-secret-${crypto.randomUUID()}`;
  let proxyUrl = '';
  const backend = createBackend({
    vidgo: createVidgoClient({ apiKey: SIMULATOR_KEY, baseUrl: simulator.url }),
    taskTokenSecret,
    proxyUrl: () => proxyUrl,
    files: {
      '/': { type: 'text/html; charset=utf-8', body: readFileSync(`${example}public/index.html`, 'utf8') },
      '/follow.js': { type: 'text/javascript', body: readFileSync(`${example}public/follow.js`, 'utf8') },
      '/vendor/vidgo-core.js': { type: 'text/javascript', body: await coreForTheBrowser() },
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: backend, hostname: '127.0.0.1', port }, () => resolve(started));
  });
  const { port: backendPort } = server.address() as { port: number };
  const url = `http://127.0.0.1:${backendPort}`;
  try {
    const proxy = await startProxy({
      VIDGO_API_KEY: SIMULATOR_KEY,
      VIDGO_BASE_URL: simulator.url,
      TASK_TOKEN_SECRET: taskTokenSecret,
      // The page is on another origin than the proxy: CORS for it, and only for it.
      ALLOWED_ORIGINS: url,
      HOST: '127.0.0.1',
      PORT: String(proxyPort),
    });
    proxyUrl = proxy.url;
    return {
      url,
      proxyUrl,
      async close() {
        proxy.stop();
        await new Promise((resolve) => server.close(resolve));
        await simulator.close();
      },
    };
  } catch (error) {
    server.close();
    await simulator.close();
    throw error;
  }
}
