import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileNameFor, type Task, type TaskFile } from '@vidgo-sdk/core';
import { DownloadError, displayUrl } from './download-error.ts';
import { moveIntoPlace } from './move-into-place.ts';

export interface DownloadProgress {
  file: TaskFile;
  /** The position of the file in `task.files`. */
  index: number;
  bytesWritten: number;
  /** From `Content-Length`, when storage sent one. */
  totalBytes?: number;
}

export interface DownloadOptions {
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
 * File URLs are valid for 24 hours after the task finished: a 403 or 404 from storage says so.
 */
export async function downloadFiles(task: Pick<Task, 'task_id' | 'files'>, dir: string, options: DownloadOptions = {}): Promise<DownloadedFile[]> {
  options.signal?.throwIfAborted();
  const directory = resolve(dir);
  await mkdir(directory, { recursive: true });
  const taken = new Set<string>();
  const written: DownloadedFile[] = [];
  for (const [index, file] of task.files.entries()) {
    written.push(await downloadOne(task.task_id, file, index, directory, taken, options));
  }
  return written;
}

async function downloadOne(
  taskId: string,
  file: TaskFile,
  index: number,
  directory: string,
  taken: Set<string>,
  { signal, onProgress, fetch: fetchOption }: DownloadOptions,
): Promise<DownloadedFile> {
  const url = displayUrl(file.file_url);
  const fail = (message: string, fields: { status?: number; cause?: unknown } = {}) =>
    new DownloadError(`downloadFiles("${taskId}"): file ${index + 1} (${url}): ${message}`, {
      operation: 'downloadFiles',
      taskId,
      url,
      index,
      ...fields,
    });
  if (!/^https?:\/\//i.test(file.file_url)) throw fail('not an http(s) URL');

  const fetchFunction = fetchOption ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFunction(file.file_url, { signal });
  } catch (cause) {
    signal?.throwIfAborted();
    throw fail(`could not reach storage (${reasonOf(cause, file.file_url, url)})`, { cause });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const { status, statusText } = response;
    const expired = status === 403 || status === 404 ? ': Vidgo file URLs are valid for 24 hours after the task finished, this one may have expired' : '';
    throw fail(`${status}${statusText ? ` ${statusText}` : ''}${expired}`, { status });
  }

  const name = fileNameFor({ url: file.file_url, index, taskId, fileType: file.file_type, contentType: response.headers.get('content-type') });
  const temporaryPath = join(directory, `.${name}.${randomBytes(4).toString('hex')}.part`);
  const length = response.headers.get('content-length');
  // A compressed answer's length is not what lands on disk.
  const encoded = !/^(identity)?$/i.test(response.headers.get('content-encoding') ?? '');
  const totalBytes = length !== null && /^\d+$/.test(length) && !encoded ? Number(length) : undefined;
  let bytesWritten = 0;
  const report = () => onProgress?.({ file, index, bytesWritten, totalBytes });
  try {
    report();
    if (response.body) {
      await pipeline(
        Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
        async function* count(chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
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
    const path = await moveIntoPlace(temporaryPath, directory, name, taken);
    return { path, bytes: bytesWritten, file, index };
  } catch (error) {
    await rm(temporaryPath, { force: true });
    signal?.throwIfAborted();
    throw fail(reasonOf(error, file.file_url, url), { cause: error });
  }
}

/** One line about a failure, with the underlying cause (fetch hides it in `cause`) and no query string. */
function reasonOf(error: unknown, fileUrl: string, url: string): string {
  const inner = (error as { cause?: unknown }).cause;
  const message = inner instanceof Error ? inner.message : error instanceof Error ? error.message : String(error);
  return message.replaceAll(fileUrl, url);
}
