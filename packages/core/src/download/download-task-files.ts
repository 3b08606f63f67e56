// `downloadFiles`, once for every runtime: the checks, the requests, the names, progress and
// errors. The runtime packages hand in only their file system (`DownloadFileSystem`) and their
// host resolver, so Node and Deno cannot drift apart in what they accept, report or leave behind.
import type { TaskFile } from '../types.ts';
import { fileNameFor } from '../files/file-name.ts';
import { displayUrl, withoutUrlQueries } from './display-url.ts';
import { DownloadError } from './download-error.ts';
import {
  checkDownloadSize,
  checkDownloadUrl,
  declaredLength,
  downloadPolicy,
  type DownloadPolicy,
} from './download-policy.ts';
import { isDownloadRefusal, type DownloadFailureReason } from './download-refused-error.ts';
import type { DownloadableTask, DownloadedFile, DownloadFileSystem, DownloadOptions } from './download-types.ts';
import { fetchFollowingRedirects } from './fetch-following-redirects.ts';
import { saveFile, type FileFailure } from './save-file.ts';

/**
 * Saves every file of a finished task through `fileSystem`, one after the other, and returns
 * them in `task.files` order. Refuses (`DownloadError`, `reason: 'not-finished'`) a task that is
 * not finished, and checks every URL before sending anything. For a runtime package's
 * `downloadFiles`, which passes its file system and its default `resolveHost`.
 */
export async function downloadTaskFiles(
  task: DownloadableTask,
  fileSystem: DownloadFileSystem,
  options: DownloadOptions = {},
): Promise<DownloadedFile[]> {
  const taskId = task.task_id;
  const where = { operation: 'downloadFiles', taskId };
  const label = `downloadFiles("${taskId}")`;
  options.signal?.throwIfAborted();
  const policy = downloadPolicy(options);
  if (task.status !== 'finished') {
    throw new DownloadError(`${label}: the task is ${task.status}; its files exist once it is finished`, {
      ...where,
      reason: 'not-finished',
    });
  }
  const files: TaskFile[] = task.files ?? [];
  // Checked before anything is sent: no task half saved because its third URL is `file:`.
  // Host names and redirects are checked as they come.
  for (const [index, file] of files.entries()) precheck(file, index, policy, label, where);
  try {
    await fileSystem.createDirectory();
  } catch (cause) {
    throw new DownloadError(
      `${label}: could not create the directory${fileSystem.hint?.(cause) ?? ''}: ${messageOf(cause)}`,
      { ...where, reason: 'file-system', cause },
    );
  }
  const taken = new Set<string>(); // this call's names, lowercased: macOS and Windows ignore case
  const saved: DownloadedFile[] = [];
  for (const [index, file] of files.entries()) {
    saved.push(await downloadOne(file, index, files.length, { taskId, label, policy, fileSystem, options, taken }));
  }
  return saved;
}

interface CallContext {
  taskId: string;
  label: string;
  policy: DownloadPolicy;
  fileSystem: DownloadFileSystem;
  options: DownloadOptions;
  taken: Set<string>;
}

async function downloadOne(
  file: TaskFile,
  index: number,
  fileCount: number,
  call: CallContext,
): Promise<DownloadedFile> {
  const { taskId, policy, options } = call;
  const { signal } = options;
  const url = displayUrl(file.file_url);
  // People count from 1: messages and fallback names say "file 1"; `index` counts from 0.
  const fileLabel = `${call.label}: file ${index + 1} (${url})`;
  const fail: FileFailure = (reason, message, fields = {}) =>
    new DownloadError(`${fileLabel}: ${message}`, {
      operation: 'downloadFiles',
      taskId,
      index,
      url,
      reason,
      ...fields,
    });
  const refused = (refusal: { reason: DownloadFailureReason; message: string }) =>
    fail(refusal.reason, refusal.message, { cause: refusal });
  const describe = (error: unknown) => withoutUrlQueries(causeMessage(error).replaceAll(file.file_url, url));

  let response: Response;
  try {
    ({ response } = await fetchFollowingRedirects(file.file_url, {
      policy,
      fetch: options.fetch ?? globalThis.fetch,
      resolveHost: options.resolveHost,
      signal,
    }));
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    if (isDownloadRefusal(cause)) throw refused(cause);
    throw fail('network', `could not reach storage (${describe(cause)})`, { cause });
  }
  const cancelBody = () => response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    await cancelBody();
    const { status, statusText } = response;
    const expired =
      status === 403 || status === 404
        ? ': Vidgo file URLs are valid for 24 hours after the task finished, this one may have expired'
        : '';
    throw fail('http-status', `${status}${statusText ? ` ${statusText}` : ''}${expired}`, { status });
  }
  // A compressed answer's length is not what lands on disk: then only the byte count limits it.
  const totalBytes = declaredLength(response.headers);
  if (totalBytes !== undefined) {
    try {
      checkDownloadSize(totalBytes, policy, true); // before reading a byte
    } catch (refusal) {
      await cancelBody();
      throw refused(refusal as { reason: DownloadFailureReason; message: string });
    }
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  const name = fileNameFor({ url: file.file_url, index, taskId, fileType: file.file_type, contentType });
  const report = (bytesWritten: number) =>
    options.onProgress?.({
      taskId,
      index,
      fileCount,
      file,
      bytesWritten,
      ...(totalBytes === undefined ? {} : { totalBytes }),
    });
  const result = await saveFile(response.body, name, { ...call, signal, totalBytes, report, fail, refused, describe });
  return {
    index,
    path: call.fileSystem.pathOf(result.name),
    name: result.name,
    bytes: result.bytes,
    file,
    ...(contentType ? { contentType } : {}),
  };
}

function precheck(
  file: TaskFile | undefined,
  index: number,
  policy: DownloadPolicy,
  label: string,
  where: { operation: string; taskId: string },
): void {
  const value: unknown = file?.file_url;
  const url = typeof value === 'string' ? { url: displayUrl(value) } : {};
  try {
    if (typeof value !== 'string') throw new TypeError('not an http(s) URL');
    checkDownloadUrl(value, policy);
  } catch (error) {
    const reason = isDownloadRefusal(error) ? error.reason : 'unsupported-url';
    const described = 'url' in url ? ` (${url.url})` : '';
    throw new DownloadError(`${label}: file ${index + 1}${described}: ${messageOf(error)}`, {
      ...where,
      index,
      ...url,
      reason,
      cause: error,
    });
  }
}

/** One line about a failure: fetch hides the real reason (`ECONNREFUSED`) in its error's `cause`. */
function causeMessage(error: unknown): string {
  const inner = (error as { cause?: unknown } | undefined)?.cause;
  return inner instanceof Error ? inner.message : messageOf(error);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
