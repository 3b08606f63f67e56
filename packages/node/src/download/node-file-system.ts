import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DownloadFileSystem } from '@vidgo-sdk/core/internal';
import { placeFile } from './place-file.ts';

/** `downloadFiles`' file-system part on Node: files in `directory` (absolute), written through a file handle. */
export function nodeFileSystem(directory: string): DownloadFileSystem {
  const path = (name: string) => join(directory, name);
  return {
    createDirectory: async () => void (await mkdir(directory, { recursive: true })),
    async createFile(name) {
      // `wx`: a new file or an error, never one that is already there.
      const handle = await open(path(name), 'wx');
      return new WritableStream<Uint8Array>({
        async write(chunk) {
          // A write may take less than the whole chunk.
          for (let offset = 0; offset < chunk.byteLength; ) offset += (await handle.write(chunk, offset)).bytesWritten;
        },
        close: () => handle.close(),
        abort: () => handle.close(),
      });
    },
    placeFile: (from, to) => placeFile(path(from), path(to)),
    removeFile: (name) => rm(path(name), { force: true }),
    pathOf: path,
  };
}
