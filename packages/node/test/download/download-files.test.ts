import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VidgoError } from '@vidgo-sdk/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveBytes, startFileServer } from '../support/file-server.ts';
import { DownloadError } from '@vidgo-sdk/core/internal';
import { downloadFiles, type DownloadProgress } from '../../src/download/download-files.ts';

const video = new Uint8Array(3_000_000).map((_, index) => index % 251);
const image = new TextEncoder().encode('not really a jpeg');
const storage = await startFileServer({
  '/generated/clip.mp4': serveBytes(video),
  '/other/clip.mp4': serveBytes(image),
  '/generated/image-1.jpg': serveBytes(image),
  '/cut-short.mp4': (response) => {
    response.writeHead(200, { 'content-length': 1_000_000 });
    response.write(new Uint8Array(100_000));
    setTimeout(() => response.destroy(), 20);
  },
});
afterAll(() => storage.close());

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidgo-download-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

// The storage stand-in is http://127.0.0.1: that has to be allowed now, and says so.
const local = { allowPrivateNetwork: true, allowInsecureHttp: true };
// For a fetch that never goes out: storage.vidgo.ai "resolves" to a public address without DNS.
const publicDns = async () => ['93.184.215.14'];

const task = (...urls: string[]) => ({
  task_id: 'task-unified-1757165211-xyz789',
  status: 'finished' as const,
  files: urls.map((file_url) => ({ file_url, file_type: 'video' })),
});

describe('downloadFiles', () => {
  it('streams each file to disk under a safe name and reports bytes', async () => {
    const progress: DownloadProgress[] = [];
    const written = await downloadFiles(
      task(`${storage.url}/generated/clip.mp4?X-Signature=secret`, `${storage.url}/generated/image-1.jpg`),
      dir,
      {
        ...local,
        onProgress: (event) => progress.push(event),
      },
    );
    expect(written.map(({ path, bytes, index }) => ({ path, bytes, index }))).toEqual([
      { path: join(dir, 'clip.mp4'), bytes: 3_000_000, index: 0 },
      { path: join(dir, 'image-1.jpg'), bytes: image.byteLength, index: 1 },
    ]);
    // Compared as a Buffer: a deep equality over 3 million elements takes seconds.
    expect((await readFile(join(dir, 'clip.mp4'))).equals(video)).toBe(true);
    expect(await readdir(dir)).toEqual(['clip.mp4', 'image-1.jpg']);

    const first = progress.filter((event) => event.index === 0);
    expect(first[0]).toMatchObject({ bytesWritten: 0, totalBytes: 3_000_000 });
    expect(first.at(-1)).toMatchObject({ bytesWritten: 3_000_000, totalBytes: 3_000_000 });
    expect(first.length).toBeGreaterThan(3); // chunk by chunk, not the whole file at once
    const counts = first.map((event) => event.bytesWritten);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('never replaces a file: collisions get a suffix', async () => {
    await writeFile(join(dir, 'clip.mp4'), 'mine');
    const written = await downloadFiles(
      task(`${storage.url}/generated/clip.mp4`, `${storage.url}/other/clip.mp4`),
      dir,
      local,
    );
    expect(written.map(({ path }) => path)).toEqual([join(dir, 'clip-2.mp4'), join(dir, 'clip-3.mp4')]);
    expect(await readFile(join(dir, 'clip.mp4'), 'utf8')).toBe('mine');
  });

  it('creates the directory', async () => {
    const nested = join(dir, 'a', 'b');
    await downloadFiles(task(`${storage.url}/generated/image-1.jpg`), nested, local);
    expect(await readdir(nested)).toEqual(['image-1.jpg']);
  });

  it('says that an expired URL has expired, without its query string', async () => {
    const error = await downloadFiles(task(`${storage.url}/gone.mp4?X-Signature=secret-signature`), dir, local).catch(
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect(VidgoError.is(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'DownloadError',
      code: 'download',
      reason: 'http-status',
      status: 404,
      index: 0,
      url: `${storage.url}/gone.mp4`,
      taskId: 'task-unified-1757165211-xyz789',
    });
    expect((error as Error).message).toMatch(/404 Not Found.*valid for 24 hours/);
    expect(JSON.stringify(error) + String(error)).not.toContain('secret-signature');
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the partial file when the connection drops', async () => {
    const error = await downloadFiles(task(`${storage.url}/cut-short.mp4`), dir, local).catch(
      (error: unknown) => error,
    );
    expect(error).toMatchObject({ name: 'DownloadError', reason: 'network' });
    expect((error as DownloadError).status).toBeUndefined();
    expect((error as Error).message).toContain('cut-short.mp4');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports an unreachable storage as a DownloadError with the cause', async () => {
    const refused = storage.url.replace(/:\d+$/, ':1');
    const error = await downloadFiles(task(`${refused}/x.mp4`), dir, local).catch((error: unknown) => error);
    expect(error).toMatchObject({
      name: 'DownloadError',
      reason: 'network',
      message: expect.stringContaining('could not reach storage'),
    });
  });

  it('downloads nothing from a URL that is not http(s)', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response('x');
    }) as typeof globalThis.fetch;
    await expect(downloadFiles(task('file:///etc/passwd'), dir, { fetch })).rejects.toThrow(/not an http\(s\) URL/);
    expect(calls).toBe(0);
  });

  it('on abort, rejects with the reason and leaves no file, whole or partial', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    // One chunk, then silence until the abort: the download is mid-file when it comes.
    const fetch = (async (_url: string, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new Uint8Array(1000));
          init?.signal?.addEventListener('abort', () => stream.error(init.signal!.reason));
        },
      });
      return new Response(body, { headers: { 'content-length': '5000' } });
    }) as typeof globalThis.fetch;
    const pending = downloadFiles(task('https://storage.vidgo.ai/generated/video.mp4'), dir, {
      fetch,
      resolveHost: publicDns,
      signal: controller.signal,
      onProgress: ({ bytesWritten }) => {
        if (bytesWritten > 0) controller.abort(reason);
      },
    });
    await expect(pending).rejects.toBe(reason);
    expect(await readdir(dir)).toEqual([]);
    await expect(
      downloadFiles(task('https://storage.vidgo.ai/x.mp4'), dir, {
        fetch,
        resolveHost: publicDns,
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });

  it('writes an empty file for an empty answer, and nothing for a task without files', async () => {
    const fetch = (async () => new Response(null, { status: 200 })) as typeof globalThis.fetch;
    const [written] = await downloadFiles(task('https://storage.vidgo.ai/empty.jpg'), dir, {
      fetch,
      resolveHost: publicDns,
    });
    expect(written).toMatchObject({ bytes: 0, path: join(dir, 'empty.jpg') });
    expect(await downloadFiles(task(), dir, { fetch })).toEqual([]);
  });
});
