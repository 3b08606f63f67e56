// Everything of @vidgo-sdk/core (errors, TaskPool, types…), with a client that reads its
// configuration from the environment, and file downloads.
export * from '@vidgo-sdk/core';
export { createVidgoClient, type NodeClientOptions } from './create-vidgo-client.ts';
export { downloadFiles, type DownloadedFile, type DownloadOptions, type DownloadProgress } from './download/download-files.ts';
export { DownloadError } from './download/download-error.ts';
