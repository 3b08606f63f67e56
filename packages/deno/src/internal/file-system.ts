import { DownloadError } from '../download-error.ts';
import { isPermissionError } from './permission-error.ts';

/** The fields every `DownloadError` of a call carries. */
export type Where = { operation: string; taskId: string; index?: number; url?: string };

/** Runs a file-system call; a refusal becomes a `DownloadError` that names the missing permission. */
export async function fileSystem<T>(call: () => Promise<T>, message: string, where: Where): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof DownloadError) throw cause;
    const hint = isPermissionError(cause) ? ' (run with --allow-write and --allow-read for that directory)' : '';
    throw new DownloadError(`${message}${hint}: ${String(cause)}`, { ...where, reason: 'file-system', cause });
  }
}
