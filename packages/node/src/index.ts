// Everything of @vidgo-sdk/core (errors, TaskPool, types…), with a client that reads its
// configuration from the environment, and file downloads.
export * from '@vidgo-sdk/core';
export { createVidgoClient, type NodeClientOptions } from './create-vidgo-client.ts';
// DownloadError and the download types are core's: the same on every runtime.
export {
  DownloadError,
  downloadFiles,
  type DownloadedFile,
  type DownloadOptions,
  type DownloadProgress,
} from './download/download-files.ts';
