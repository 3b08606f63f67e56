// What the conformance suite runs against wherever @vidgo-sdk/node runs (Node under vitest, Bun
// under `bun test`): a simulator server over real HTTP, and `downloadFiles` over node:fs.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DownloadTarget } from '@vidgo-sdk/conformance';
import * as testing from '@vidgo-sdk/testing';
import { downloadFiles } from '../../src/download/download-files.ts';

export async function conformanceTargets(apiKey: string, scratchPrefix: string) {
  const server = await testing
    .createVidgoSimulator({
      clock: testing.realClock,
      apiKeys: [apiKey],
      submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
    })
    .listen();
  const download: DownloadTarget = {
    downloadFiles,
    async scratchDirectory() {
      const root = await mkdtemp(join(tmpdir(), scratchPrefix));
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
  return { server, download };
}
