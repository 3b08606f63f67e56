import { describe, expect, it } from 'vitest';
import type { DownloadFileSystem } from '../../src/download/download-types.ts';
import { downloadTaskFiles } from '../../src/download/download-task-files.ts';

/** A file system in memory, with hooks to make each step fail. */
function memoryFileSystem(fail: { create?: unknown; write?: unknown; place?: unknown } = {}) {
  const files = new Map<string, Uint8Array>();
  const fileSystem: DownloadFileSystem = {
    createDirectory: async () => undefined,
    async createFile(name) {
      if (fail.create) throw fail.create;
      if (files.has(name)) throw new Error('exists');
      files.set(name, new Uint8Array());
      return new WritableStream<Uint8Array>({
        write(chunk) {
          if (fail.write) throw fail.write;
          files.set(name, new Uint8Array([...files.get(name)!, ...chunk]));
        },
      });
    },
    async placeFile(from, to) {
      if (fail.place) throw fail.place;
      if (files.has(to)) return false;
      files.set(to, files.get(from)!);
      files.delete(from);
      return true;
    },
    removeFile: async (name) => void files.delete(name),
    pathOf: (name) => `/out/${name}`,
    hint: () => ' (a hint)',
  };
  return { fileSystem, files };
}

const task = (...names: string[]) => ({
  task_id: 'task-1',
  status: 'finished' as const,
  files: names.map((name) => ({ file_url: `https://storage.vidgo.ai/${name}`, file_type: 'image' })),
});
const fetch = (async () => new Response('abc')) as typeof globalThis.fetch;
const options = { fetch, resolveHost: async () => ['93.184.215.14'] };

describe('downloadTaskFiles', () => {
  it('numbers taken names on, and stops after a thousand', async () => {
    const { fileSystem, files } = memoryFileSystem();
    for (let copy = 1; copy <= 1000; copy++) files.set(copy === 1 ? 'a.jpg' : `a-${copy}.jpg`, new Uint8Array());
    const error = await downloadTaskFiles(task('a.jpg'), fileSystem, options).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'DownloadError',
      reason: 'file-system',
      message: expect.stringContaining('1000 files named like a.jpg already exist'),
    });
    expect([...files.keys()].filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('tells a failed write from a broken connection, adds the runtime hint, removes the temporary file', async () => {
    for (const [fail, what] of [
      [{ create: new Error('EACCES') }, 'could not create a file in the directory (a hint): EACCES'],
      [{ write: new Error('ENOSPC') }, 'could not write the file (a hint): ENOSPC'],
      [{ place: new Error('EIO') }, 'could not give it its name (a hint): EIO'],
    ] as const) {
      const { fileSystem, files } = memoryFileSystem(fail);
      const error = await downloadTaskFiles(task('a.jpg'), fileSystem, options).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        name: 'DownloadError',
        reason: 'file-system',
        index: 0,
        message: `downloadFiles("task-1"): file 1 (https://storage.vidgo.ai/a.jpg): ${what}`,
      });
      expect([...files.keys()]).toEqual([]);
    }
  });

  it('reports where each file went, through the file system', async () => {
    const { fileSystem, files } = memoryFileSystem();
    const saved = await downloadTaskFiles(task('a.jpg', 'a.jpg'), fileSystem, options);
    expect(saved.map(({ path, name, bytes }) => ({ path, name, bytes }))).toEqual([
      { path: '/out/a.jpg', name: 'a.jpg', bytes: 3 },
      { path: '/out/a-2.jpg', name: 'a-2.jpg', bytes: 3 },
    ]);
    expect(new TextDecoder().decode(files.get('a-2.jpg'))).toBe('abc');
  });
});
