// The portable conformance suite (packages/conformance) in the real Deno runtime, against
// @vidgo-sdk/core's sources: each check is one Deno.test. The real-server checks talk over
// 127.0.0.1 to the simulator's HTTP server, which runs on Deno's node:http; the download checks
// run this package's `downloadFiles` over Deno's file system, under .test-output/.
import * as core from '@vidgo-sdk/core';
import { defineConformanceSuite, type DownloadTarget } from '@vidgo-sdk/conformance';
import { createVidgoSimulator, realClock, VirtualClock } from '@vidgo-sdk/testing';
import { downloadFiles } from '../src/download-files.ts';

const apiKey = 'vk_deno_conformance_0123456789';
const simulator = createVidgoSimulator({
  clock: realClock,
  apiKeys: [apiKey],
  submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
});
const server = await simulator.listen();
Deno.test.afterAll(() => server.close());

// The only place `pnpm test` lets the tests write.
const OUTPUT = '.test-output';

const download: DownloadTarget = {
  downloadFiles,
  async scratchDirectory() {
    await Deno.mkdir(OUTPUT, { recursive: true });
    const root = await Deno.makeTempDir({ dir: OUTPUT, prefix: 'conformance-' });
    const path = `${root}/out`;
    return {
      path,
      async list() {
        const names: string[] = [];
        try {
          for await (const entry of Deno.readDir(path)) names.push(entry.name);
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
        return names.sort();
      },
      read: (name) => Deno.readFile(`${path}/${name}`),
      write: async (name, text) => {
        await Deno.mkdir(path, { recursive: true });
        await Deno.writeTextFile(`${path}/${name}`, text);
      },
      dispose: () => Deno.remove(root, { recursive: true }),
    };
  },
};

defineConformanceSuite(
  { test: (name, body) => Deno.test(`conformance: ${name}`, body) },
  { core, testing: { createVidgoSimulator, VirtualClock }, server: { url: server.url, apiKey }, download },
);
