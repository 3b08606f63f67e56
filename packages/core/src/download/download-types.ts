// The one contract of `downloadFiles`, the same on Node and Deno: its options, its progress
// reports, its result, and the file-system part each runtime supplies (and nothing else).
import type { Task, TaskFile } from '../types.ts';
import type { DownloadSafetyOptions } from './download-policy.ts';

/** What `downloadFiles` needs of a task. Only a `finished` task is downloaded. */
export type DownloadableTask = Pick<Task, 'task_id' | 'status' | 'files'>;

/**
 * Besides these, the safety options: `maxBytes` (default 2 GiB per file), `maxRedirects` (default
 * 5), `allowInsecureHttp` and `allowPrivateNetwork` (default false), `resolveHost` (default: the
 * runtime's resolver).
 */
export interface DownloadOptions extends DownloadSafetyOptions {
  /** Stops the download; the partial file is removed and the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Once when a file's answer arrives (0 bytes), then after each chunk written. An error it throws
   * stops the download (the partial file removed) and comes out of `downloadFiles` as it is.
   */
  onProgress?: (progress: DownloadProgress) => void;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: typeof fetch;
}

export interface DownloadProgress {
  taskId: string;
  /** The position of the file in `task.files`, from 0. */
  index: number;
  /** How many files the task has. */
  fileCount: number;
  file: TaskFile;
  bytesWritten: number;
  /** From `Content-Length`, when storage sent one (and no content encoding changes the size). */
  totalBytes?: number;
}

export interface DownloadedFile {
  /** The position of the file in `task.files`, from 0. */
  index: number;
  /** Where it was saved: the directory joined with `name`. */
  path: string;
  /** The name it got: safe whatever the URL holds, with `-2`, `-3`… when the name was taken. */
  name: string;
  bytes: number;
  file: TaskFile;
  /** The response's `Content-Type`, when storage sent one. */
  contentType?: string;
}

/**
 * What a runtime gives `downloadFiles`: one directory, files created in it without ever replacing
 * one. Names are plain file names in that directory (core makes them safe); core does the rest:
 * the checks, the requests, counting, progress, names and the collision suffixes.
 */
export interface DownloadFileSystem {
  /** Creates the directory, and its parents, when missing. */
  createDirectory(): Promise<void>;
  /**
   * Creates the file `name`, which must not exist, and returns a stream that writes it. Closing
   * the stream completes the file; after an abort or error, core calls `removeFile`.
   */
  createFile(name: string): Promise<WritableStream<Uint8Array>>;
  /**
   * Gives the complete file `from` the name `to`, unless a file of that name exists: then resolves
   * false and changes nothing. Never replaces a file, even one another process creates meanwhile,
   * where the file system allows (a hard link fails atomically; `rename` would overwrite).
   */
  placeFile(from: string, to: string): Promise<boolean>;
  /** Removes `name` when it is there; never fails because it is not. */
  removeFile(name: string): Promise<void>;
  /** The path of `name`, as `DownloadedFile.path` reports it. */
  pathOf(name: string): string;
  /** Words added to the message of a file-system failure (Deno: the permission flag to grant). */
  hint?(error: unknown): string;
}
