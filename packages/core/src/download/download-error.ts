import { ownFields, VidgoError, type VidgoErrorOptions } from '../errors/vidgo-error.ts';
import type { DownloadFailureReason } from './download-refused-error.ts';

/**
 * A task's files could not be saved: the task is not finished, a URL answered an HTTP error, is
 * not https, points into a private network or redirects there, a file is over `maxBytes`, the
 * connection dropped, or the file system refused. `reason` says which, for code to branch on;
 * `cause` holds the underlying error. Its `code` is `download`. Files saved before it stay where
 * they are. The same class on every runtime (`@vidgo-sdk/node` and `@vidgo-sdk/deno` export it).
 */
export interface DownloadErrorDetails extends VidgoErrorOptions {
  reason: DownloadFailureReason;
  index?: number;
  url?: string;
  status?: number;
}

export class DownloadError extends VidgoError {
  override readonly name = 'DownloadError';
  override readonly code = 'download';
  /** Why: `not-finished`, `http-status`, `network`, `too-large`, `insecure-url`, `private-address`, `file-system`… */
  declare readonly reason: DownloadFailureReason;
  /** The position of the file in `task.files`, from 0 (messages count from 1); absent for `not-finished`. */
  declare readonly index?: number;
  /** The file's URL without its query or fragment: signed storage URLs carry their signature there. */
  declare readonly url?: string;
  /** The HTTP status storage answered with, when it did. */
  declare readonly status?: number;

  constructor(message: string, details: DownloadErrorDetails) {
    super(message, details);
    ownFields(this, details, ['reason', 'index', 'url', 'status']);
  }
}
