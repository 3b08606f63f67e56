import { VidgoError } from '../errors/vidgo-error.ts';

/**
 * Why a file was not saved, for code to branch on (`error.reason === 'too-large'`). The runtime
 * packages' `DownloadError` carries it; messages may change, reasons do not.
 */
export type DownloadFailureReason =
  /** The task is not `finished`. */
  | 'not-finished'
  /** Not an http(s) URL (`file:`, `data:`, garbage). */
  | 'unsupported-url'
  /** An `http:` URL or redirect, without `allowInsecureHttp`. */
  | 'insecure-url'
  /** The host is, or resolves to, a loopback, private, link-local… address, without `allowPrivateNetwork`. */
  | 'private-address'
  /** The host name could not be resolved to check it (or the runtime may not resolve it). */
  | 'unresolved-host'
  /** More redirects than `maxRedirects`. */
  | 'too-many-redirects'
  /** Storage answered with an HTTP error. */
  | 'http-status'
  /** No connection, or it broke off mid-file. */
  | 'network'
  /** `Content-Length` or the body itself went past `maxBytes`. */
  | 'too-large'
  /** Fewer bytes arrived than `Content-Length` announced. */
  | 'incomplete'
  /** The file could not be written. */
  | 'file-system';

/**
 * Thrown by core's download rules (`checkDownloadUrl`, `checkHostAddresses`,
 * `fetchFollowingRedirects`, `checkDownloadSize`). A `VidgoError` whose `reason` says which rule;
 * recognise it with `isDownloadRefusal`. The runtime packages turn it into their `DownloadError`,
 * which adds the task, the file and its URL, so a `downloadFiles` caller never sees it. Not
 * exported as a class: `DownloadError` is the one class callers branch on.
 */
export class DownloadRefusedError extends VidgoError {
  override readonly name = 'DownloadRefusedError';
  override readonly code = 'download_refused';
  declare readonly reason: DownloadFailureReason;

  constructor(message: string, { reason, cause }: { reason: DownloadFailureReason; cause?: unknown }) {
    super(message, { cause });
    this.reason = reason;
  }
}

/** True for a refusal from core's download rules (from any copy of core), with its `reason`. */
export function isDownloadRefusal(error: unknown): error is VidgoError & { readonly reason: DownloadFailureReason } {
  return VidgoError.is(error) && error.name === 'DownloadRefusedError';
}

/** A `DownloadRefusedError` for `reason`. */
export const refuse = (reason: DownloadFailureReason, message: string, cause?: unknown): DownloadRefusedError =>
  new DownloadRefusedError(message, cause === undefined ? { reason } : { reason, cause });
