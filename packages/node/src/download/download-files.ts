import { resolve } from 'node:path';
import {
  downloadTaskFiles,
  type DownloadableTask,
  type DownloadedFile,
  type DownloadOptions,
} from '@vidgo-sdk/core/internal';
import { nodeFileSystem } from './node-file-system.ts';
import { resolveHost as lookupHost } from './resolve-host.ts';

export {
  DownloadError,
  type DownloadedFile,
  type DownloadOptions,
  type DownloadProgress,
} from '@vidgo-sdk/core/internal';

/**
 * Streams each of a finished task's files into `dir` (created if missing), one after another,
 * never holding a file in memory. A file appears under its final name only once complete; until
 * then it is a hidden `.name.xxxx.part` beside it, removed on error or abort. Names are made safe
 * whatever the URL holds, and never replace an existing file (`name-2.mp4` instead). A task that
 * is not `finished` is refused (`DownloadError`, `reason: 'not-finished'`).
 *
 * Storage URLs come from the API's answer, which is data, not trust: only `https:` URLs whose host
 * resolves to public addresses are fetched (`resolveHost` defaults to `dns.lookup`), redirects are
 * followed here (at most `maxRedirects`) and each hop is checked the same way, and a file over
 * `maxBytes` is refused. A refusal is a `DownloadError` whose `reason` says which rule.
 *
 * File URLs are valid for 24 hours after the task finished: a 403 or 404 from storage says so.
 * The rules, options, progress and result are core's, the same as `@vidgo-sdk/deno`'s.
 */
export function downloadFiles(
  task: DownloadableTask,
  dir: string,
  options: DownloadOptions = {},
): Promise<DownloadedFile[]> {
  return downloadTaskFiles(task, nodeFileSystem(resolve(dir)), {
    ...options,
    resolveHost: options.resolveHost ?? lookupHost,
  });
}
