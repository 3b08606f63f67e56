// `downloadFiles` on the runtime's file system: the one contract (core's) that Node and Deno
// share, checked the same way on both. workerd has no file system: its runner passes
// `download: null` and these checks are not registered there.
import { equal, isError, ok, rejects } from './assert.ts';
import type { DownloadTarget, ScratchDirectory } from './download-target.ts';
import { bytesOf, chunked, fakeStorage, file, finishedTask, publicDns, STORAGE } from './fake-storage.ts';
import type { ConformanceHarness } from './target.ts';

export function defineDownloadChecks({ test }: ConformanceHarness, target: DownloadTarget): void {
  const check = (name: string, body: (dir: ScratchDirectory) => Promise<void>) =>
    test(`download: ${name}`, async () => {
      const dir = await target.scratchDirectory();
      try {
        await body(dir);
      } finally {
        await dir.dispose();
      }
    });
  const save = target.downloadFiles;

  check('every file, streamed under a safe name, with progress and a result of one shape', async (dir) => {
    const { fetch } = fakeStorage({
      '/g/clip.mp4': file(100_000, { 'content-type': 'video/mp4' }),
      '/g/..%2F..%2Fescape': file(10),
    });
    const task = finishedTask(`${STORAGE}/g/clip.mp4?X-Signature=s3cr3t`, `${STORAGE}/g/..%2F..%2Fescape`);
    const progress: { index: number; bytesWritten: number; totalBytes?: number; fileCount: number; taskId: string }[] =
      [];
    const saved = await save(task, dir.path, {
      fetch,
      resolveHost: publicDns,
      onProgress: (report) => progress.push(report),
    });
    equal(
      saved.map(({ index, name, bytes, contentType, file }) => ({
        index,
        name,
        bytes,
        contentType,
        url: file.file_url,
      })),
      [
        { index: 0, name: 'clip.mp4', bytes: 100_000, contentType: 'video/mp4', url: task.files[0]!.file_url },
        { index: 1, name: 'escape.jpg', bytes: 10, contentType: undefined, url: task.files[1]!.file_url },
      ],
      'result',
    );
    ok(
      saved.every((entry) => entry.path.startsWith(dir.path) && entry.path.endsWith(entry.name)),
      `paths: ${saved.map((entry) => entry.path).join(', ')}`,
    );
    equal(await dir.list(), ['clip.mp4', 'escape.jpg'], 'files on disk (no temporary file left)');
    equal(Array.from(await dir.read('clip.mp4')), Array.from(bytesOf(100_000)), 'content');
    const first = progress.filter((report) => report.index === 0);
    equal(
      first[0],
      { taskId: task.task_id, index: 0, fileCount: 2, file: task.files[0], bytesWritten: 0, totalBytes: 100_000 },
      'first report',
    );
    equal(first.at(-1)!.bytesWritten, 100_000, 'last report');
    ok(
      first.length > 3 && first.every((report, i) => i === 0 || report.bytesWritten > first[i - 1]!.bytesWritten),
      'chunk by chunk, growing',
    );
  });

  check('a task that is not finished is refused before any request', async (dir) => {
    const { fetch, requests } = fakeStorage({ '/a.jpg': file(10) });
    const error = await rejects(
      save({ ...finishedTask(`${STORAGE}/a.jpg`), status: 'running' }, dir.path, { fetch, resolveHost: publicDns }),
      'running task',
    );
    isError(
      error,
      'DownloadError',
      { code: 'download', reason: 'not-finished', taskId: 'task-unified-1757165031-conform', index: undefined },
      'running task',
    );
    ok((error as Error).message.includes('the task is running'), (error as Error).message);
    equal(requests, [], 'requests');
    equal(await dir.list(), [], 'files');
  });

  check('every URL is checked before anything is sent; messages count files from 1, `index` from 0', async (dir) => {
    const { fetch, requests } = fakeStorage({ '/a.jpg': file(10) });
    for (const url of ['file:///etc/passwd', 'http://storage.vidgo.test/b.jpg', 'https://127.0.0.1/c.jpg']) {
      const error = await rejects(
        save(finishedTask(`${STORAGE}/a.jpg`, url), dir.path, { fetch, resolveHost: publicDns }),
        url,
      );
      isError(error, 'DownloadError', { index: 1 }, url);
      ok(
        (error as Error).message.startsWith('downloadFiles("task-unified-1757165031-conform"): file 2'),
        (error as Error).message,
      );
    }
    equal(requests, [], 'requests');
    equal(await dir.list(), [], 'files');
  });

  check(
    'never replaces a file: taken names get -2, -3, and names of one call differ in more than case',
    async (dir) => {
      await dir.write('image.jpg', 'mine');
      const { fetch } = fakeStorage({
        '/a/image.jpg': file(10),
        '/b/image.jpg': file(20),
        '/p/photo.jpg': file(10),
        '/q/PHOTO.jpg': file(10),
      });
      const urls = ['/a/image.jpg', '/b/image.jpg', '/p/photo.jpg', '/q/PHOTO.jpg'].map((path) => `${STORAGE}${path}`);
      const saved = await save(finishedTask(...urls), dir.path, { fetch, resolveHost: publicDns });
      // One call's names differ in more than case, as macOS and Windows need, whatever this file system is.
      equal(
        saved.map((entry) => entry.name),
        ['image-2.jpg', 'image-3.jpg', 'photo.jpg', 'PHOTO-2.jpg'],
        'names',
      );
      equal(new TextDecoder().decode(await dir.read('image.jpg')), 'mine', 'the existing file');
    },
  );

  check(
    'an HTTP error is a DownloadError with its status and without the URL query; files saved before it stay',
    async (dir) => {
      const { fetch } = fakeStorage({ '/ok.jpg': file(10) });
      const error = await rejects(
        save(finishedTask(`${STORAGE}/ok.jpg`, `${STORAGE}/gone.jpg?token=s3cr3t`), dir.path, {
          fetch,
          resolveHost: publicDns,
        }),
        '404',
      );
      isError(
        error,
        'DownloadError',
        { reason: 'http-status', status: 404, index: 1, url: `${STORAGE}/gone.jpg` },
        '404',
      );
      ok(/404 Not Found.*valid for 24 hours/.test((error as Error).message), (error as Error).message);
      ok(!JSON.stringify(error).includes('s3cr3t') && !String(error).includes('s3cr3t'), 'the query leaked');
      equal(await dir.list(), ['ok.jpg'], 'files');
    },
  );

  check('a connection that breaks off, or ends short of its Content-Length, leaves no file', async (dir) => {
    const { fetch } = fakeStorage({
      '/broken.mp4': () =>
        new Response(chunked(bytesOf(100_000), { ending: 'error' }), { headers: { 'content-length': '100000' } }),
      '/short.mp4': () => new Response(chunked(bytesOf(1000)), { headers: { 'content-length': '5000' } }),
    });
    for (const [path, reason] of [
      ['/broken.mp4', 'network'],
      ['/short.mp4', 'incomplete'],
    ] as const) {
      const error = await rejects(
        save(finishedTask(`${STORAGE}${path}`), dir.path, { fetch, resolveHost: publicDns }),
        path,
      );
      isError(error, 'DownloadError', { reason, index: 0, status: undefined }, path);
    }
    equal(await dir.list(), [], 'files');
  });

  check('over maxBytes: by Content-Length before a byte is written, or as the body streams past it', async (dir) => {
    const { fetch } = fakeStorage({
      '/big.mp4': file(100_000),
      '/lying.mp4': () => new Response(chunked(bytesOf(100_000)), { headers: { 'content-length': '100' } }),
      '/endless.mp4': () => new Response(chunked(bytesOf(100_000))),
    });
    const progress: number[] = [];
    const declared = await rejects(
      save(finishedTask(`${STORAGE}/big.mp4`), dir.path, {
        fetch,
        resolveHost: publicDns,
        maxBytes: 50_000,
        onProgress: (report) => progress.push(report.bytesWritten),
      }),
      'declared',
    );
    isError(declared, 'DownloadError', { reason: 'too-large' }, 'declared');
    equal(progress, [], 'progress before the refusal');
    for (const path of ['/lying.mp4', '/endless.mp4']) {
      isError(
        await rejects(
          save(finishedTask(`${STORAGE}${path}`), dir.path, { fetch, resolveHost: publicDns, maxBytes: 50_000 }),
          path,
        ),
        'DownloadError',
        { reason: 'too-large' },
        path,
      );
    }
    equal(await dir.list(), [], 'files');
  });

  check("an abort mid-file rejects with the signal's reason and leaves no file", async (dir) => {
    const { fetch } = fakeStorage({
      '/v.mp4': (init) =>
        new Response(chunked(bytesOf(100_000), { ending: 'stall', signal: init?.signal ?? null }), {
          headers: { 'content-length': '100000' },
        }),
    });
    const controller = new AbortController();
    const reason = new Error('user left');
    const pending = save(finishedTask(`${STORAGE}/v.mp4`), dir.path, {
      fetch,
      resolveHost: publicDns,
      signal: controller.signal,
      onProgress: ({ bytesWritten }) => bytesWritten > 0 && controller.abort(reason),
    });
    equal(await rejects(pending, 'aborted'), reason, 'rejection');
    equal(await dir.list(), [], 'files');
  });

  check('an error thrown by onProgress comes out as it is, and leaves no file', async (dir) => {
    const { fetch } = fakeStorage({ '/a.jpg': file(50_000) });
    const mine = new Error('my callback');
    const onProgress = ({ bytesWritten }: { bytesWritten: number }) => {
      if (bytesWritten > 0) throw mine;
    };
    equal(
      await rejects(
        save(finishedTask(`${STORAGE}/a.jpg`), dir.path, { fetch, resolveHost: publicDns, onProgress }),
        'callback',
      ),
      mine,
      'rejection',
    );
    equal(await dir.list(), [], 'files');
  });

  check('an empty answer is an empty file; a task without files saves nothing', async (dir) => {
    const { fetch } = fakeStorage({ '/empty.jpg': () => new Response(null) });
    const [saved] = await save(finishedTask(`${STORAGE}/empty.jpg`), dir.path, { fetch, resolveHost: publicDns });
    equal({ name: saved?.name, bytes: saved?.bytes }, { name: 'empty.jpg', bytes: 0 }, 'result');
    equal((await dir.read('empty.jpg')).byteLength, 0, 'size on disk');
    equal(await save(finishedTask(), dir.path, { fetch }), [], 'no files');
  });
}
