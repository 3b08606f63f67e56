import assert from 'node:assert/strict';
import { VidgoError } from '@vidgo-sdk/core';
import { DownloadError } from '@vidgo-sdk/core/internal';
import { downloadFiles, type DownloadProgress } from '../src/download-files.ts';
import { startFileServer } from './support/file-server.ts';

import { finished, list, local, OUTPUT, setup } from './support/download-setup.ts';

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
