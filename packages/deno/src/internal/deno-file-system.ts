import type { DownloadFileSystem } from '@vidgo-sdk/core/internal';
import { isPermissionError } from './permission-error.ts';
import { placeFile } from './place-file.ts';

/** `downloadFiles`' file-system part on Deno: files in `dir`, written through `Deno.FsFile.writable`. */
export function denoFileSystem(dir: string): DownloadFileSystem {
  const directory = dir.replace(/[\\/]+$/, '') || (dir ? dir.slice(0, 1) : '.');
  const separator = Deno.build.os === 'windows' ? '\\' : '/';
  const path = (name: string) => (/[\\/]$/.test(directory) ? directory + name : `${directory}${separator}${name}`);
  return {
    createDirectory: () => Deno.mkdir(directory, { recursive: true }),
    async createFile(name) {
      // `createNew`: a new file or an error, never one that is already there. Its writable
      // closes the file when the stream closes or is aborted.
      return (await Deno.open(path(name), { write: true, createNew: true })).writable;
    },
    placeFile: (from, to) => placeFile(path(from), path(to)),
    async removeFile(name) {
      try {
        await Deno.remove(path(name));
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
    },
    pathOf: path,
    hint: (error) => (isPermissionError(error) ? ` (run with --allow-write and --allow-read for ${directory})` : ''),
  };
}
