/**
 * The Vidgo SDK for Deno: the core client configured from `Deno.env`, and file downloads with
 * Deno's file API. Everything `@vidgo-sdk/core` exports comes along (errors, `TaskPool`,
 * `isTerminal`, types), so one import is enough.
 *
 * ```ts
 * import { createVidgoClient, downloadFiles } from '@vidgo-sdk/deno';
 *
 * const vidgo = createVidgoClient(); // VIDGO_API_KEY from the environment
 * const task = await vidgo.submitAndWait({ model: 'gpt-image-2', input: { prompt: 'a fox' } });
 * await downloadFiles(task, './out');
 * ```
 *
 * @module
 */
export * from '@vidgo-sdk/core';
export { createVidgoClient } from './create-vidgo-client.ts';
// DownloadError and the download types are core's: the same on every runtime.
export {
  DownloadError,
  downloadFiles,
  type DownloadedFile,
  type DownloadOptions,
  type DownloadProgress,
} from './download-files.ts';
