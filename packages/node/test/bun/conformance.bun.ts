// The portable conformance suite (packages/conformance) in the real Bun runtime, under `bun test`:
// @vidgo-sdk/core from its sources against the simulator's fetch face on virtual time, over real
// HTTP against a simulator server that runs on Bun's node:http, and this package's
// `downloadFiles` over Bun's node:fs (Bun users take @vidgo-sdk/node). Named `.bun.ts`, not
// `.test.ts`, so that vitest never collects it: `scripts/bun-test.mjs` runs it.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, test } from 'bun:test';
import { defineConformanceSuite, type DownloadTarget } from '@vidgo-sdk/conformance';
import * as core from '@vidgo-sdk/core';
import * as testing from '@vidgo-sdk/testing';
import { downloadFiles } from '../../src/download/download-files.ts';

const apiKey = 'vk_conformance_bun_server';
// Started before the tests are registered: the suite needs the URL then.
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
    const root = await mkdtemp(join(tmpdir(), 'vidgo-conformance-bun-'));
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
  { test: (name, body) => test(`conformance: ${name}`, body) },
  { core, testing, server: { url: server.url, apiKey }, download },
);
