// One file's body onto disk through a runtime's `DownloadFileSystem`: into a hidden temporary
// file beside its final name, counted and limited chunk by chunk, then given its name without
// replacing anything. Whatever goes wrong, the temporary file is removed.
import { withCollisionSuffix } from '../files/file-name.ts';
import { DownloadError } from './download-error.ts';
import { checkDownloadSize, type DownloadPolicy } from './download-policy.ts';
import { isDownloadRefusal, type DownloadFailureReason } from './download-refused-error.ts';
import type { DownloadFileSystem } from './download-types.ts';

const MAX_COLLISIONS = 1000;

export type FileFailure = (
  reason: DownloadFailureReason,
  message: string,
  fields?: { status?: number; cause?: unknown },
) => DownloadError;

export interface SaveContext {
  fileSystem: DownloadFileSystem;
  policy: DownloadPolicy;
  taken: Set<string>;
  signal: AbortSignal | undefined;
  totalBytes: number | undefined;
  /** Calls `onProgress`; what it throws ends the download and comes out as it is. */
  report: (bytesWritten: number) => void;
  fail: FileFailure;
  refused: (refusal: { reason: DownloadFailureReason; message: string }) => DownloadError;
  describe: (error: unknown) => string;
}

/**
 * Saves `body` (none: an empty file) as `name`, or `name-2`… when taken; returns the name used and the byte
 * count.
 */
export async function saveFile(
  body: ReadableStream<Uint8Array> | null,
  name: string,
  context: SaveContext,
): Promise<{ name: string; bytes: number }> {
  const { fileSystem, policy, signal, totalBytes, fail, refused, describe } = context;
  const hint = (cause: unknown) => fileSystem.hint?.(cause) ?? '';
  const temporary = `.${name}.${crypto.randomUUID().slice(0, 8)}.part`;
  const reader = body?.getReader();
  let writable: WritableStream<Uint8Array>;
  try {
    writable = await fileSystem.createFile(temporary);
  } catch (cause) {
    await reader?.cancel().catch(() => undefined);
    throw fail('file-system', `could not create a file in the directory${hint(cause)}: ${describe(cause)}`, { cause });
  }

  let bytes = 0;
  let readFailed = false;
  let callbackFailed: { error: unknown } | undefined;
  const report = (count: number) => {
    try {
      context.report(count);
    } catch (error) {
      callbackFailed = { error };
      throw error;
    }
  };
  // Between storage and the file: counts, refuses past `maxBytes` before the chunk is written
  // (a lying or missing Content-Length stops here), reports, and tells a broken connection
  // (a failed read) from a failed write.
  const counted = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array> | undefined;
        try {
          chunk = await reader?.read();
        } catch (error) {
          readFailed = true;
          throw error;
        }
        if (!chunk || chunk.done) return controller.close();
        checkDownloadSize(bytes + chunk.value.byteLength, policy);
        bytes += chunk.value.byteLength;
        controller.enqueue(chunk.value);
        report(bytes);
      },
      cancel: (reason) => reader?.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  try {
    report(0);
    await counted.pipeTo(writable, signal ? { signal } : {});
    if (totalBytes !== undefined && bytes !== totalBytes)
      throw fail('incomplete', `received ${bytes} of ${totalBytes} bytes`);
  } catch (error) {
    // Closed before removed: Windows cannot remove an open file.
    await writable.abort(error).catch(() => undefined);
    await fileSystem.removeFile(temporary).catch(() => undefined);
    await reader?.cancel().catch(() => undefined);
    if (signal?.aborted) throw signal.reason;
    if (callbackFailed && error === callbackFailed.error) throw error; // onProgress threw: its error, as it was
    if (isDownloadRefusal(error)) throw refused(error);
    if (error instanceof DownloadError) throw error;
    if (readFailed)
      throw fail('network', `the download broke off after ${bytes} bytes (${describe(error)})`, { cause: error });
    throw fail('file-system', `could not write the file${hint(error)}: ${describe(error)}`, { cause: error });
  }
  return { name: await place(temporary, name, context), bytes };
}

/**
 * Gives the complete temporary file `name`, or the first free `name-2`, `name-3`… (this call's names count as
 * taken).
 */
async function place(
  temporary: string,
  name: string,
  { fileSystem, taken, fail, describe }: SaveContext,
): Promise<string> {
  const giveUp = async (error: DownloadError) => {
    await fileSystem.removeFile(temporary).catch(() => undefined);
    return error;
  };
  for (let copy = 1; copy <= MAX_COLLISIONS; copy++) {
    const candidate = withCollisionSuffix(name, copy);
    if (taken.has(candidate.toLowerCase())) continue;
    let placed: boolean;
    try {
      placed = await fileSystem.placeFile(temporary, candidate);
    } catch (cause) {
      throw await giveUp(
        fail('file-system', `could not give it its name${fileSystem.hint?.(cause) ?? ''}: ${describe(cause)}`, {
          cause,
        }),
      );
    }
    if (!placed) continue;
    taken.add(candidate.toLowerCase());
    return candidate;
  }
  throw await giveUp(fail('file-system', `${MAX_COLLISIONS} files named like ${name} already exist`));
}
