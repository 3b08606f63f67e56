// The download rules every runtime's `downloadFiles` shares (core exports them in one line).
export { displayUrl, withoutUrlQueries } from './display-url.ts';
export { DownloadError } from './download-error.ts';
export { downloadTaskFiles } from './download-task-files.ts';
export type {
  DownloadableTask,
  DownloadedFile,
  DownloadFileSystem,
  DownloadOptions,
  DownloadProgress,
} from './download-types.ts';
export { isDownloadRefusal, type DownloadFailureReason } from './download-refused-error.ts';
export {
  checkDownloadSize,
  checkDownloadUrl,
  checkHostAddresses,
  declaredLength,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  DEFAULT_MAX_REDIRECTS,
  downloadPolicy,
  type CheckedUrl,
  type DownloadPolicy,
  type DownloadSafetyOptions,
} from './download-policy.ts';
export {
  fetchFollowingRedirects,
  type FollowedResponse,
  type FollowRedirectsOptions,
} from './fetch-following-redirects.ts';
export { ipAddressRange, type AddressRange } from './ip-address.ts';
