import type { DownloadableTask, DownloadedFile, DownloadOptions } from '@vidgo-sdk/core/internal';

/** A fresh, empty directory for one check, in the runtime's own file system. */
export interface ScratchDirectory {
  /** Where `downloadFiles` is pointed (it may not exist yet: `downloadFiles` creates it). */
  path: string;
  /** The names in it, sorted; none when it does not exist. */
  list(): Promise<string[]>;
  read(name: string): Promise<Uint8Array>;
  write(name: string, text: string): Promise<void>;
  /** Removes it and everything in it. */
  dispose(): Promise<void>;
}

/**
 * The download checks' target: a runtime package's `downloadFiles` and scratch directories to
 * point it at. The checks bring their own storage (an in-memory `fetch`) and resolver, so they
 * need no network; what they exercise is core's contract over the runtime's file system.
 */
export interface DownloadTarget {
  downloadFiles(task: DownloadableTask, dir: string, options?: DownloadOptions): Promise<DownloadedFile[]>;
  scratchDirectory(): Promise<ScratchDirectory>;
}
