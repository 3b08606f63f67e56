import assert from 'node:assert/strict';
import { downloadFiles, type DownloadProgress } from '../src/download-files.ts';
import { expectedBytes } from './support/file-server.ts';

import { finished, list, local, setup } from './support/download-setup.ts';

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
