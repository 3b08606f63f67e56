import { checkDownloadSize, isDownloadRefusal, type DownloadFailureReason, type DownloadPolicy } from '@vidgo-sdk/core/internal';
import { DownloadError } from '../download-error.ts';
import type { DownloadOptions, DownloadProgress } from '../download-files.ts';
import { describeCause } from './describe-cause.ts';
import { fileSystem, type Where } from './file-system.ts';
import { placeFile } from './place-file.ts';

/** A refusal from core's download rules. */
export type Refusal = { reason: DownloadFailureReason; message: string };

export interface SaveContext {
  name: string;
  totalBytes: number | undefined;
  policy: DownloadPolicy;
  join: (name: string) => string;
  taken: Set<string>;
  fileLabel: string;
  fileWhere: Where;
  refused: (refusal: Refusal) => DownloadError;
  options: DownloadOptions;
  progress: Omit<DownloadProgress, 'receivedBytes' | 'totalBytes'>;
}

/** Streams `body` into a temporary file, then gives it its final name; nothing is left behind on failure. */
export async function saveBody(body: ReadableStream<Uint8Array>, context: SaveContext): Promise<{ name: string; bytes: number }> {
  const { name, totalBytes, policy, join, taken, fileLabel, fileWhere, refused, options, progress } = context;
  const { signal, onProgress } = options;
  let callbackError: unknown;
  const report = (receivedBytes: number) => {
    try {
      onProgress?.({ ...progress, receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
    } catch (error) {
      callbackError = error;
      throw error;
    }
  };
  const temporaryPath = join(`.${name}.${crypto.randomUUID().slice(0, 8)}.part`);
  let bytes = 0;
  let file: Deno.FsFile | undefined;
  try {
    file = await fileSystem(() => Deno.open(temporaryPath, { write: true, createNew: true }), `${fileLabel}: could not write in ${join('')}`, fileWhere);
    report(0);
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        // Before the chunk is written: a lying or missing Content-Length stops here.
        checkDownloadSize(bytes + chunk.byteLength, policy);
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
        report(bytes);
      },
    });
    try {
      await body.pipeThrough(counter).pipeTo(file.writable, { signal });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      if (cause === callbackError) throw cause; // onProgress threw: its error, as it was
      if (isDownloadRefusal(cause)) throw refused(cause);
      throw new DownloadError(`${fileLabel}: the download broke off after ${bytes} bytes (${describeCause(cause, fileWhere.url ?? '')})`, { ...fileWhere, reason: 'network', cause });
    }
    if (totalBytes !== undefined && bytes !== totalBytes) {
      throw new DownloadError(`${fileLabel}: received ${bytes} of ${totalBytes} bytes`, { ...fileWhere, reason: 'incomplete' });
    }
    const finalName = await fileSystem(() => placeFile(temporaryPath, name, taken, join), `${fileLabel}: could not give it its name`, fileWhere);
    if (finalName === undefined) throw new DownloadError(`${fileLabel}: 1000 files named like ${name} already exist`, { ...fileWhere, reason: 'file-system' });
    return { name: finalName, bytes };
  } catch (error) {
    closeQuietly(file);
    if (file) await Deno.remove(temporaryPath).catch(() => {});
    await body.cancel().catch(() => {});
    throw error;
  }
}


function closeQuietly(file: Deno.FsFile | undefined): void {
  try {
    file?.close(); // pipeTo closes it on success and on abort; this covers the rest
  } catch {
    // already closed
  }
}
