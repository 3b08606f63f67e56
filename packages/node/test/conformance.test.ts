// The portable conformance suite, on Node: the core from source against the simulator's fetch
// face on virtual time, over real HTTP against a simulator server started here, and this
// package's `downloadFiles` over Node's file system.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConformanceSuite, type DownloadTarget } from '@vidgo-sdk/conformance';
import * as core from '@vidgo-sdk/core';
import * as testing from '@vidgo-sdk/testing';
import { afterAll, it } from 'vitest';
import { downloadFiles } from '../src/download/download-files.ts';

const apiKey = 'vk_conformance_node_server';
// Started at module level: vitest collects tests synchronously, and the suite needs the URL then.
const server = await testing
  .createVidgoSimulator({
    clock: testing.realClock,
    apiKeys: [apiKey],
    submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
  })
  .listen();
afterAll(() => server.close());

const download: DownloadTarget = {
  downloadFiles,
  async scratchDirectory() {
    const root = await mkdtemp(join(tmpdir(), 'vidgo-conformance-'));
    const path = join(root, 'out');
    return {
      path,
      list: async () => (await readdir(path).catch(() => [])).sort(),
      read: async (name) => new Uint8Array(await readFile(join(path, name))),
      write: async (name, text) => {
        await mkdir(path, { recursive: true });
        await writeFile(join(path, name), text);
      },
      dispose: () => rm(root, { recursive: true, force: true }),
    };
  },
};

defineConformanceSuite(
  { test: (name, body) => it(name, body) },
  { core, testing, server: { url: server.url, apiKey }, download },
);
