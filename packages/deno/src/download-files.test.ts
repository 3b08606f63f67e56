import assert from 'node:assert/strict';
import { VidgoError } from '@vidgo-sdk/core';
import { DownloadError } from '@vidgo-sdk/core/internal';
import { downloadFiles, type DownloadProgress } from './download-files.ts';
import { expectedBytes, startFileServer, type FileServer } from './test-support/file-server.ts';

// Everything the tests write stays under .test-output/ (the only place `pnpm test` lets them write).
const OUTPUT = '.test-output';

// The file server is http://127.0.0.1: downloads from it have to be allowed now, and say so.
const local = { allowPrivateNetwork: true, allowInsecureHttp: true };

const finished = (urls: string[]) => ({
  task_id: 'task-unified-1757165031-uyujaw3d',
  status: 'finished',
  files: urls.map((file_url) => ({ file_url, file_type: file_url.includes('.mp4') ? 'video' : 'image' })),
});

/** A fresh directory and a fresh file server for one test; both are gone afterwards. */
async function setup(
  body: (context: { dir: string; server: FileServer; root: string }) => Promise<void>,
): Promise<void> {
  await Deno.mkdir(OUTPUT, { recursive: true });
  const root = await Deno.makeTempDir({ dir: OUTPUT, prefix: 'download-' });
  const server = startFileServer();
  try {
    await body({ dir: `${root}/out`, server, root });
  } finally {
    await server.close();
    await Deno.remove(root, { recursive: true });
  }
}

async function list(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

Deno.test('downloadFiles: every file, streamed under its URL name, with byte progress', () =>
  setup(async ({ dir, server }) => {
    const task = finished([
      `${server.origin}/generated/image-abc123.jpg?size=150000&type=image/jpeg`,
      `${server.origin}/generated/video-xyz789.mp4?size=300000&type=video/mp4`,
    ]);
    const progress: DownloadProgress[] = [];
    const saved = await downloadFiles(task, dir, { ...local, onProgress: (report) => progress.push(report) });

    assert.deepEqual(
      saved.map(({ index, name, bytes, file, contentType }) => ({
        index,
        name,
        bytes,
        fileType: file.file_type,
        contentType,
      })),
      [
        { index: 0, name: 'image-abc123.jpg', bytes: 150_000, fileType: 'image', contentType: 'image/jpeg' },
        { index: 1, name: 'video-xyz789.mp4', bytes: 300_000, fileType: 'video', contentType: 'video/mp4' },
      ],
    );
    assert.equal(saved[0]!.path, `${dir}/image-abc123.jpg`);
    assert.deepEqual(await Deno.readFile(saved[1]!.path), expectedBytes(300_000));
    assert.deepEqual(await list(dir), ['image-abc123.jpg', 'video-xyz789.mp4'], 'no temporary file left');

    for (const [index, size] of [
      [0, 150_000],
      [1, 300_000],
    ] as const) {
      const reports = progress.filter((report) => report.index === index);
      assert.ok(reports.length > 2, 'several reports per file');
      assert.deepEqual(reports[0], {
        taskId: task.task_id,
        index,
        fileCount: 2,
        file: task.files[index],
        bytesWritten: 0,
        totalBytes: size,
      });
      assert.equal(reports.at(-1)!.bytesWritten, size);
      assert.ok(
        reports.every((report, i) => i === 0 || report.bytesWritten >= reports[i - 1]!.bytesWritten),
        'monotonic',
      );
    }
  }));

Deno.test('downloadFiles: never overwrites; equal names get a suffix', () =>
  setup(async ({ dir, server }) => {
    await Deno.mkdir(dir);
    await Deno.writeTextFile(`${dir}/image.jpg`, 'mine');
    const url = `${server.origin}/a/image.jpg?size=10`;
    const saved = await downloadFiles(finished([url, url]), dir, local);
    assert.deepEqual(
      saved.map((file) => file.name),
      ['image-2.jpg', 'image-3.jpg'],
    );
    assert.equal(await Deno.readTextFile(`${dir}/image.jpg`), 'mine');
    // Names differing only in case collide too, as they would on macOS and Windows.
    const again = await downloadFiles(
      finished([`${server.origin}/photo.jpg?size=10`, `${server.origin}/PHOTO.jpg?size=10`]),
      `${dir}/2`,
      local,
    );
    assert.deepEqual(
      again.map((file) => file.name),
      ['photo.jpg', 'PHOTO-2.jpg'],
    );
  }));

Deno.test('downloadFiles: whatever the URL holds, files land inside the directory under safe names', () =>
  setup(async ({ dir, root, server }) => {
    const paths = [
      '/x/..%2F..%2F..%2Fescape.jpg',
      '/x/%2e%2e',
      '/x/.bashrc',
      '/x/%E6%97%A5%E6%9C%AC',
      '/x/a%5C..%5Cwin.ini',
      '/x/con.png',
    ];
    const saved = await downloadFiles(
      finished(paths.map((path) => `${server.origin}${path}?size=10&type=video/mp4`)),
      dir,
      local,
    );
    assert.deepEqual(
      saved.map((file) => file.name),
      [
        'escape.jpg',
        'task-unified-1757165031-uyujaw3d-2.mp4',
        'bashrc.mp4',
        'task-unified-1757165031-uyujaw3d-4.mp4',
        'win.ini',
        'con_.png',
      ],
    );
    assert.deepEqual(await list(root), ['out'], 'nothing beside the directory');
    assert.equal((await list(dir)).length, paths.length);
  }));

Deno.test('downloadFiles: an abort mid-file rejects with the reason and leaves no file, not even a temporary one', () =>
  setup(async ({ dir, server }) => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const seen: number[] = [];
    const download = downloadFiles(finished([`${server.origin}/v/video.mp4?mode=stall`]), dir, {
      ...local,
      signal: controller.signal,
      onProgress: ({ bytesWritten }) => {
        seen.push(bytesWritten);
        if (bytesWritten >= 65_536) controller.abort(reason);
      },
    });
    await assert.rejects(download, (error) => error === reason);
    assert.ok(seen.at(-1)! >= 65_536, 'it was mid-download');
    assert.deepEqual(await list(dir), []);
    for (let wait = 0; server.cancelled === 0 && wait < 100; wait++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(server.cancelled, 1, 'the server saw the client leave');
  }));

Deno.test('downloadFiles: an HTTP error is a DownloadError with the status; files saved before it stay', () =>
  setup(async ({ dir, server }) => {
    const task = finished([`${server.origin}/ok.jpg?size=10`, `${server.origin}/secret.jpg?status=403&token=abc`]);
    await assert.rejects(downloadFiles(task, dir, local), (error: unknown) => {
      assert.ok(error instanceof DownloadError && VidgoError.is(error));
      assert.equal(error.code, 'download');
      assert.equal(error.reason, 'http-status');
      assert.equal(error.status, 403);
      assert.equal(error.index, 1);
      assert.equal(error.taskId, task.task_id);
      assert.equal(error.url, `${server.origin}/secret.jpg`);
      assert.ok(!error.message.includes('token=abc'), 'no query (signed URLs carry tokens)');
      return true;
    });
    assert.deepEqual(await list(dir), ['ok.jpg']);
  }));

Deno.test('downloadFiles: a connection that breaks off mid-file is a DownloadError and leaves no file', () =>
  setup(async ({ dir, server }) => {
    await assert.rejects(
      downloadFiles(finished([`${server.origin}/v/broken.mp4?size=1000&mode=drop`]), dir, local),
      (error: unknown) => {
        assert.ok(error instanceof DownloadError, String(error));
        assert.equal(error.index, 0);
        return true;
      },
    );
    assert.deepEqual(await list(dir), []);
  }));

Deno.test('downloadFiles: a refused connection is a DownloadError whose message keeps the URL query out', () =>
  setup(async ({ dir }) => {
    // A port just freed, so nothing listens (not port 9: fetch blocks it without connecting).
    const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 });
    const { port } = listener.addr;
    listener.close();
    await assert.rejects(
      downloadFiles(finished([`http://127.0.0.1:${port}/x.jpg?token=s3cr3t`]), dir, local),
      (error: unknown) => {
        assert.ok(error instanceof DownloadError, String(error));
        assert.match(error.message, /could not reach storage/);
        assert.ok(!error.message.includes('s3cr3t'), error.message);
        assert.ok(error.cause instanceof TypeError);
        return true;
      },
    );
  }));

Deno.test('downloadFiles: an error thrown by onProgress comes out as it is, and no file is left', () =>
  setup(async ({ dir, server }) => {
    const mine = new Error('my callback');
    const onProgress = ({ bytesWritten }: DownloadProgress) => {
      if (bytesWritten > 0) throw mine;
    };
    await assert.rejects(
      downloadFiles(finished([`${server.origin}/a.jpg?size=100000`]), dir, { ...local, onProgress }),
      (error) => error === mine,
    );
    assert.deepEqual(await list(dir), []);
  }));

Deno.test('downloadFiles: refuses unfinished tasks and non-http(s) URLs before sending anything', () =>
  setup(async ({ dir, server }) => {
    const running = { ...finished([`${server.origin}/a.jpg`]), status: 'running' };
    await assert.rejects(
      downloadFiles(running, dir, local),
      /the task is running; its files exist once it is finished/,
    );
    for (const url of ['file:///etc/passwd', 'data:text/plain,hi', 'not a url']) {
      await assert.rejects(downloadFiles(finished([`${server.origin}/a.jpg`, url]), dir, local), (error: unknown) => {
        assert.ok(error instanceof DownloadError);
        assert.equal(error.index, 1);
        assert.match(error.message, /not an http\(s\) URL/);
        return true;
      });
    }
    const aborted = AbortSignal.abort(new Error('already'));
    await assert.rejects(
      downloadFiles(finished([`${server.origin}/a.jpg`]), dir, { ...local, signal: aborted }),
      /already/,
    );
    assert.deepEqual(server.requests, []);
    assert.deepEqual(await list(dir), []);
    assert.deepEqual(await downloadFiles(finished([]), dir), [], 'a finished task without files');
  }));

Deno.test({
  name: 'downloadFiles: without --allow-write, a DownloadError that names the flag',
  permissions: { net: 'inherit', read: 'inherit', env: 'inherit', write: false },
  async fn() {
    const server = startFileServer();
    try {
      await assert.rejects(
        downloadFiles(finished([`${server.origin}/a.jpg`]), `${OUTPUT}/not-writable`, local),
        (error: unknown) => {
          assert.ok(error instanceof DownloadError);
          assert.match(error.message, /--allow-write/);
          assert.ok(error.cause instanceof Deno.errors.NotCapable);
          return true;
        },
      );
    } finally {
      await server.close();
    }
  },
});
