import {
  downloadTaskFiles,
  type DownloadableTask,
  type DownloadedFile,
  type DownloadOptions,
} from '@vidgo-sdk/core/internal';
import { denoFileSystem } from './internal/deno-file-system.ts';
import { resolveHost as resolveWithDeno } from './internal/resolve-host.ts';

export {
  DownloadError,
  type DownloadedFile,
  type DownloadOptions,
  type DownloadProgress,
} from '@vidgo-sdk/core/internal';

/**
 * Saves every file of a finished task into `dir` (created when missing), one after the other.
 * Each file streams into a hidden temporary file beside its final name and is linked into place
 * once complete, so no half-written file ever carries the final name; on an error or abort the
 * temporary file is removed. Names are safe whatever the URL holds (core's `fileNameFor`); an
 * existing file is never overwritten, not even one another process writes at the same moment:
 * `image.jpg` becomes `image-2.jpg`. A task that is not `finished` is refused (`DownloadError`,
 * `reason: 'not-finished'`).
 *
 * The URLs come from the API's answer, which is data, not trust: only `https:` URLs whose host
 * resolves to public addresses are fetched (`resolveHost` defaults to `Deno.resolveDns`, A and
 * AAAA), redirects are followed here (at most `maxRedirects`) with each hop checked the same way,
 * and a file over `maxBytes` is refused. A refusal is a `DownloadError` whose `reason` names the
 * rule. The rules, options, progress and result are core's, the same as `@vidgo-sdk/node`'s.
 *
 * Permissions: `--allow-net` for the files' host and for the system's name servers (the address
 * check), and `--allow-write` (and `--allow-read`) for `dir`.
 */
export function downloadFiles(
  task: DownloadableTask,
  dir: string,
  options: DownloadOptions = {},
): Promise<DownloadedFile[]> {
  return downloadTaskFiles(task, denoFileSystem(dir), {
    ...options,
    resolveHost: options.resolveHost ?? resolveWithDeno,
  });
}
