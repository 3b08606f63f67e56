import { fileNameFor, withCollisionSuffix, type Task } from '@vidgo-sdk/core';
import { DownloadError } from './download-error.ts';
import { isPermissionError } from './internal/permission-error.ts';

export interface DownloadOptions {
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

const MAX_COLLISIONS = 1000;

/**
 * Saves every file of a finished task into `dir` (created when missing), one after the other.
 * Each file streams into a hidden temporary file beside its final name and is renamed once
 * complete, so no half-written file ever carries the final name; on an error or abort the
 * temporary file is removed. Names are safe whatever the URL holds (the last path segment, decoded,
 * in `[A-Za-z0-9._-]`, else `${task_id}-${index}.${ext}`); an existing file is never overwritten:
 * `image.jpg` becomes `image-1.jpg`.
 *
 * Permissions: `--allow-net` for the files' host and `--allow-write` (and `--allow-read`) for `dir`.
 */
export async function downloadFiles(
  task: Pick<Task, 'task_id' | 'status' | 'files'>,
  dir: string,
  { signal, onProgress, fetch: fetchOption }: DownloadOptions = {},
): Promise<DownloadedFile[]> {
  const taskId = task.task_id;
  const where = { operation: 'downloadFiles', taskId };
  const label = `downloadFiles("${taskId}")`;
  signal?.throwIfAborted();
  if (task.status !== 'finished') {
    throw new DownloadError(`${label}: the task is ${task.status}; its files exist once it is finished`, where);
  }
  const files = task.files ?? [];
  const urls = files.map((file, index) => checkedUrl(file?.file_url, `${label}: file ${index}`, { ...where, index }));

  const directory = dir.replace(/[\\/]+$/, '') || (dir ? dir.slice(0, 1) : '.');
  const join = (name: string) => (/[\\/]$/.test(directory) ? directory + name : `${directory}${separator()}${name}`);
  await fileSystem(() => Deno.mkdir(directory, { recursive: true }), `${label}: could not create ${directory}`, where);

  const saved: DownloadedFile[] = [];
  const taken = new Set<string>(); // this call's names, lowercased for case-insensitive file systems
  for (const [index, url] of urls.entries()) {
    const fileWhere = { ...where, index, url: withoutQuery(url) };
    const fileLabel = `${label}: file ${index} (${withoutQuery(url)})`;
    // fetch's errors quote the URL: its query (a signed URL's token) stays out of our messages.
    const describe = (cause: unknown) => String(cause).replaceAll(url, withoutQuery(url));
    const fetchFunction = fetchOption ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchFunction(url, { signal });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw new DownloadError(`${fileLabel}: could not connect (${describe(cause)})`, { ...fileWhere, cause });
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw new DownloadError(`${fileLabel}: HTTP ${response.status}`, { ...fileWhere, status: response.status });
    }

    const contentType = response.headers.get('content-type') ?? undefined;
    const name = fileNameFor({ url, index, taskId, fileType: String(files[index]!.file_type), contentType });
    const totalBytes = declaredLength(response.headers);
    let callbackError: unknown;
    const report = (receivedBytes: number) => {
      try {
        onProgress?.({ taskId, index, fileCount: urls.length, receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
      } catch (error) {
        callbackError = error;
        throw error;
      }
    };

    const temporaryPath = join(`.${name}.${crypto.randomUUID().slice(0, 8)}.part`);
    let bytes = 0;
    let file: Deno.FsFile | undefined;
    try {
      file = await fileSystem(
        () => Deno.open(temporaryPath, { write: true, createNew: true }),
        `${fileLabel}: could not write in ${directory}`,
        fileWhere,
      );
      report(0);
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          bytes += chunk.byteLength;
          controller.enqueue(chunk);
          report(bytes);
        },
      });
      try {
        await response.body.pipeThrough(counter).pipeTo(file.writable, { signal });
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (cause === callbackError) throw cause; // onProgress threw: its error, as it was
        throw new DownloadError(`${fileLabel}: the download broke off after ${bytes} bytes (${describe(cause)})`, { ...fileWhere, cause });
      }
      if (totalBytes !== undefined && bytes !== totalBytes) {
        throw new DownloadError(`${fileLabel}: received ${bytes} of ${totalBytes} bytes`, fileWhere);
      }
      const finalName = await freeName(name, taken, join, fileLabel, fileWhere);
      await fileSystem(() => Deno.rename(temporaryPath, join(finalName)), `${fileLabel}: could not rename it to ${finalName}`, fileWhere);
      taken.add(finalName.toLowerCase());
      saved.push({
        index,
        path: join(finalName),
        name: finalName,
        bytes,
        fileType: String(files[index]!.file_type),
        ...(contentType ? { contentType } : {}),
      });
    } catch (error) {
      closeQuietly(file);
      if (file) await Deno.remove(temporaryPath).catch(() => {});
      await response.body.cancel().catch(() => {});
      throw error;
    }
  }
  return saved;
}

function checkedUrl(value: unknown, label: string, where: Record<string, unknown>): string {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  // Never `file:`, `data:` or `blob:`: a task must not make us read local files.
  if (typeof value !== 'string' || !url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new DownloadError(`${label}: not an http(s) URL`, where);
  }
  return url.href;
}

async function freeName(
  name: string,
  taken: Set<string>,
  join: (name: string) => string,
  label: string,
  where: Record<string, unknown>,
): Promise<string> {
  for (let copy = 1; copy <= MAX_COLLISIONS; copy++) {
    const candidate = withCollisionSuffix(name, copy);
    if (taken.has(candidate.toLowerCase())) continue;
    try {
      await Deno.lstat(join(candidate));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return candidate;
      throw new DownloadError(`${label}: could not check ${candidate}`, { ...where, cause: error });
    }
  }
  throw new DownloadError(`${label}: ${MAX_COLLISIONS} files named like ${name} already exist`, where);
}

/** Runs a file-system call; a refusal becomes a `DownloadError` that names the missing permission. */
async function fileSystem<T>(call: () => Promise<T>, message: string, where: Record<string, unknown>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    const hint = isPermissionError(cause) ? ' (run with --allow-write and --allow-read for that directory)' : '';
    throw new DownloadError(`${message}${hint}: ${String(cause)}`, { ...where, cause });
  }
}

function declaredLength(headers: Headers): number | undefined {
  // fetch decodes gzip and friends: the header then counts other bytes than the body delivers.
  const encoding = headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return undefined;
  const length = Number(headers.get('content-length') ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function closeQuietly(file: Deno.FsFile | undefined): void {
  try {
    file?.close(); // pipeTo closes it on success and on abort; this covers the rest
  } catch {
    // already closed
  }
}

const separator = () => (Deno.build.os === 'windows' ? '\\' : '/');
const withoutQuery = (url: string) => url.replace(/[?#].*$/, '');
