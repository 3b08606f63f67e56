import type { Task } from '@vidgo-sdk/core';
import {
  checkDownloadSize,
  checkDownloadUrl,
  declaredLength,
  displayUrl,
  downloadPolicy,
  fetchFollowingRedirects,
  fileNameFor,
  isDownloadRefusal,
  type DownloadFailureReason,
  type DownloadPolicy,
  type DownloadSafetyOptions,
} from '@vidgo-sdk/core/internal';
import { DownloadError } from './download-error.ts';
import { describeCause } from './internal/describe-cause.ts';
import { fileSystem, type Where } from './internal/file-system.ts';
import { saveBody, type Refusal } from './internal/save-body.ts';
import { resolveHost as resolveWithDeno } from './internal/resolve-host.ts';

/**
 * Besides these, the safety options shared with every runtime: `maxBytes` (default 2 GiB per
 * file), `maxRedirects` (default 5), `allowInsecureHttp` and `allowPrivateNetwork` (default
 * false), `resolveHost` (default `Deno.resolveDns`, A and AAAA).
 */
export interface DownloadOptions extends DownloadSafetyOptions {
  /** Stops the download at once; the call rejects with the signal's reason and leaves no partial file. */
  signal?: AbortSignal;
  /** Called when a file's headers arrive and after each chunk written. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: typeof fetch;
}

export interface DownloadProgress {
  taskId: string;
  /** Position of the file in `task.files`. */
  index: number;
  fileCount: number;
  receivedBytes: number;
  /** From `Content-Length`, when the server sent one (and no content encoding changes the size). */
  totalBytes?: number;
}

export interface DownloadedFile {
  /** Position of the file in `task.files`. */
  index: number;
  /** Where it was saved: `dir` joined with `name`. */
  path: string;
  name: string;
  bytes: number;
  fileType: string;
  contentType?: string;
}

/**
 * Saves every file of a finished task into `dir` (created when missing), one after the other.
 * Each file streams into a hidden temporary file beside its final name and is linked into place
 * once complete, so no half-written file ever carries the final name; on an error or abort the
 * temporary file is removed. Names are safe whatever the URL holds (core's `fileNameFor`); an
 * existing file is never overwritten, not even one another process writes at the same moment:
 * `image.jpg` becomes `image-2.jpg`.
 *
 * The URLs come from the API's answer, which is data, not trust: only `https:` URLs whose host
 * resolves to public addresses are fetched, redirects are followed here (at most `maxRedirects`)
 * with each hop checked the same way, and a file over `maxBytes` is refused. A refusal is a
 * `DownloadError` whose `reason` names the rule.
 *
 * Permissions: `--allow-net` for the files' host and for the system's name servers (the address
 * check), and `--allow-write` (and `--allow-read`) for `dir`.
 */
export async function downloadFiles(task: Pick<Task, 'task_id' | 'status' | 'files'>, dir: string, options: DownloadOptions = {}): Promise<DownloadedFile[]> {
  const taskId = task.task_id;
  const where: Where = { operation: 'downloadFiles', taskId };
  const label = `downloadFiles("${taskId}")`;
  options.signal?.throwIfAborted();
  const policy = downloadPolicy(options);
  if (task.status !== 'finished') {
    throw new DownloadError(`${label}: the task is ${task.status}; its files exist once it is finished`, { ...where, reason: 'not-finished' });
  }
  const files = task.files ?? [];
  // Every URL checked before anything is sent; host names and redirects are checked as they come.
  const urls = files.map((file, index) => checkedUrl(file?.file_url, policy, `${label}: file ${index}`, { ...where, index }));

  const directory = dir.replace(/[\\/]+$/, '') || (dir ? dir.slice(0, 1) : '.');
  const join = (name: string) => (/[\\/]$/.test(directory) ? directory + name : `${directory}${separator()}${name}`);
  await fileSystem(() => Deno.mkdir(directory, { recursive: true }), `${label}: could not create ${directory}`, where);

  const saved: DownloadedFile[] = [];
  const taken = new Set<string>(); // this call's names, lowercased for case-insensitive file systems
  for (const [index, url] of urls.entries()) {
    const fileWhere = { ...where, index, url: displayUrl(url) };
    const fileLabel = `${label}: file ${index} (${displayUrl(url)})`;
    const refused = (refusal: Refusal) => new DownloadError(`${fileLabel}: ${refusal.message}`, { ...fileWhere, reason: refusal.reason, cause: refusal });
    const fileType = String(files[index]!.file_type);
    let response: Response;
    try {
      ({ response } = await fetchFollowingRedirects(url, { policy, fetch: options.fetch ?? globalThis.fetch, resolveHost: options.resolveHost ?? resolveWithDeno, signal: options.signal }));
    } catch (cause) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (isDownloadRefusal(cause)) throw refused(cause);
      throw new DownloadError(`${fileLabel}: could not connect (${describeCause(cause, url)})`, { ...fileWhere, reason: 'network', cause });
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw new DownloadError(`${fileLabel}: HTTP ${response.status}`, { ...fileWhere, reason: 'http-status', status: response.status });
    }
    const totalBytes = declaredLength(response.headers);
    try {
      if (totalBytes !== undefined) checkDownloadSize(totalBytes, policy, true); // before reading a byte
    } catch (refusal) {
      await response.body.cancel().catch(() => {});
      throw refused(refusal as Refusal);
    }
    const contentType = response.headers.get('content-type') ?? undefined;
    const name = fileNameFor({ url, index, taskId, fileType, contentType });
    const progress = { taskId, index, fileCount: urls.length };
    const result = await saveBody(response.body, { name, totalBytes, policy, join, taken, fileLabel, fileWhere, refused, options, progress });
    saved.push({ index, path: join(result.name), name: result.name, bytes: result.bytes, fileType, ...(contentType ? { contentType } : {}) });
  }
  return saved;
}

function checkedUrl(value: unknown, policy: DownloadPolicy, label: string, where: Where): string {
  try {
    if (typeof value !== 'string') throw new DownloadError(`${label}: not an http(s) URL`, { ...where, reason: 'unsupported-url' });
    return checkDownloadUrl(value, policy).url.href;
  } catch (error) {
    if (!isDownloadRefusal(error)) throw error;
    const url = typeof value === 'string' ? { url: displayUrl(value) } : {};
    throw new DownloadError(`${label}: ${error.message}`, { ...where, ...url, reason: error.reason, cause: error });
  }
}

const separator = () => (Deno.build.os === 'windows' ? '\\' : '/');
