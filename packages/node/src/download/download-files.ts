import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Task, TaskFile } from '@vidgo-sdk/core';
import {
  checkDownloadSize,
  declaredLength,
  displayUrl,
  downloadPolicy,
  fetchFollowingRedirects,
  fileNameFor,
  isDownloadRefusal,
  type DownloadFailureReason,
  type DownloadPolicy,
  type DownloadSafetyOptions,
  withoutUrlQueries,
} from '@vidgo-sdk/core/internal';
import { DownloadError } from './download-error.ts';
import { moveIntoPlace } from './move-into-place.ts';
import { resolveHost as lookupHost } from './resolve-host.ts';

export interface DownloadProgress {
  file: TaskFile;
  /** The position of the file in `task.files`. */
  index: number;
  bytesWritten: number;
  /** From `Content-Length`, when storage sent one. */
  totalBytes?: number;
}

/**
 * Besides these, the safety options shared with every runtime: `maxBytes` (default 2 GiB per
 * file), `maxRedirects` (default 5), `allowInsecureHttp` and `allowPrivateNetwork` (default false),
 * `resolveHost` (default `dns.lookup`).
 */
export interface DownloadOptions extends DownloadSafetyOptions {
  /** Stops the download; the partial file is removed and the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Once when a file's answer arrives (0 bytes), then after each chunk written. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: typeof fetch;
}

export interface DownloadedFile {
  /** Absolute path of the written file. */
  path: string;
  bytes: number;
  file: TaskFile;
  index: number;
}

/**
 * Streams each of `task.files` into `dir` (created if missing), one after another, never holding
 * a file in memory. A file appears under its final name only once complete; until then it is a
 * hidden `.name.xxxx.part` beside it, removed on error or abort. Names are made safe whatever
 * the URL holds, and never replace an existing file (`name-2.mp4` instead).
 *
 * Storage URLs come from the API's answer, which is data, not trust: only `https:` URLs whose host
 * resolves to public addresses are fetched, redirects are followed here (at most `maxRedirects`)
 * and each hop is checked the same way, and a file over `maxBytes` is refused. A refusal is a
 * `DownloadError` whose `reason` says which rule (`insecure-url`, `private-address`, `too-large`…).
 *
 * File URLs are valid for 24 hours after the task finished: a 403 or 404 from storage says so.
 */
export async function downloadFiles(task: Pick<Task, 'task_id' | 'files'>, dir: string, options: DownloadOptions = {}): Promise<DownloadedFile[]> {
  options.signal?.throwIfAborted();
  const policy = downloadPolicy(options);
  const directory = resolve(dir);
  await mkdir(directory, { recursive: true });
  const taken = new Set<string>();
  const written: DownloadedFile[] = [];
  for (const [index, file] of task.files.entries()) {
    written.push(await downloadOne(task.task_id, file, index, directory, taken, options, policy));
  }
  return written;
}

async function downloadOne(
  taskId: string,
  file: TaskFile,
  index: number,
  directory: string,
  taken: Set<string>,
  { signal, onProgress, fetch: fetchOption, resolveHost }: DownloadOptions,
  policy: DownloadPolicy,
): Promise<DownloadedFile> {
  const url = displayUrl(file.file_url);
  const fail = (reason: DownloadFailureReason, message: string, fields: { status?: number; cause?: unknown } = {}) =>
    new DownloadError(`downloadFiles("${taskId}"): file ${index + 1} (${url}): ${message}`, {
      operation: 'downloadFiles',
      taskId,
      url,
      index,
      reason,
      ...fields,
    });
  const refused = (refusal: { reason: DownloadFailureReason; message: string }) => fail(refusal.reason, refusal.message, { cause: refusal });

  let response: Response;
  try {
    ({ response } = await fetchFollowingRedirects(file.file_url, {
      policy,
      fetch: fetchOption ?? globalThis.fetch,
      resolveHost: resolveHost ?? lookupHost,
      signal,
    }));
  } catch (cause) {
    signal?.throwIfAborted();
    if (isDownloadRefusal(cause)) throw refused(cause);
    throw fail('network', `could not reach storage (${reasonOf(cause, file.file_url, url)})`, { cause });
  }
  const cancelBody = () => response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    await cancelBody();
    const { status, statusText } = response;
    const expired = status === 403 || status === 404 ? ': Vidgo file URLs are valid for 24 hours after the task finished, this one may have expired' : '';
    throw fail('http-status', `${status}${statusText ? ` ${statusText}` : ''}${expired}`, { status });
  }
  // A compressed answer's length is not what lands on disk: then only the byte count below limits it.
  const totalBytes = declaredLength(response.headers);
  try {
    if (totalBytes !== undefined) checkDownloadSize(totalBytes, policy, true);
  } catch (refusal) {
    await cancelBody();
    throw refused(refusal as { reason: DownloadFailureReason; message: string });
  }

  const name = fileNameFor({ url: file.file_url, index, taskId, fileType: file.file_type, contentType: response.headers.get('content-type') });
  const temporaryPath = join(directory, `.${name}.${randomBytes(4).toString('hex')}.part`);
  let bytesWritten = 0;
  const report = () => onProgress?.({ file, index, bytesWritten, totalBytes });
  try {
    report();
    if (response.body) {
      await pipeline(
        Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
        async function* count(chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
            // Before the chunk is written: a lying or missing Content-Length stops here.
            checkDownloadSize(bytesWritten + chunk.byteLength, policy);
            bytesWritten += chunk.byteLength;
            report();
            yield chunk;
          }
        },
        createWriteStream(temporaryPath, { flags: 'wx' }),
        { signal },
      );
    } else {
      await writeFile(temporaryPath, '', { flag: 'wx', signal });
    }
  } catch (error) {
    await rm(temporaryPath, { force: true });
    signal?.throwIfAborted();
    if (isDownloadRefusal(error)) throw refused(error);
    // File system errors name their system call; the body's errors (a dropped connection) do not.
    const reason = typeof (error as { syscall?: unknown }).syscall === 'string' ? 'file-system' : 'network';
    throw fail(reason, reasonOf(error, file.file_url, url), { cause: error });
  }
  try {
    const path = await moveIntoPlace(temporaryPath, directory, name, taken);
    return { path, bytes: bytesWritten, file, index };
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw fail('file-system', reasonOf(error, file.file_url, url), { cause: error });
  }
}

/** One line about a failure, with the underlying cause (fetch hides it in `cause`) and no query string. */
function reasonOf(error: unknown, fileUrl: string, url: string): string {
  const inner = (error as { cause?: unknown }).cause;
  const message = inner instanceof Error ? inner.message : error instanceof Error ? error.message : String(error);
  return withoutUrlQueries(message.replaceAll(fileUrl, url));
}
