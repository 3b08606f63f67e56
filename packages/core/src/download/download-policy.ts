// Where a download may go, checked for the file URL and again for every redirect: https only,
// and never into the caller's own network. The runtime packages resolve host names (they own
// DNS); the rules for what is acceptable live here, once.
import { ConfigurationError } from '../errors/input-errors.ts';
import { refuse } from './download-refused-error.ts';
import { ipAddressRange } from './ip-address.ts';

/** The safety options of `downloadFiles`, the same on every runtime. */
export interface DownloadSafetyOptions {
  /**
   * The largest file accepted, in bytes, per file. A bigger `Content-Length` is refused before the
   * body is read; a body that streams past it is cut off and its partial file removed.
   * Default 2 GiB (`2 ** 31`); `Infinity` for no limit.
   */
  maxBytes?: number;
  /** Redirects followed per file, each hop checked like the URL itself. Default 5; 0 follows none. */
  maxRedirects?: number;
  /** Also accept `http:` URLs and redirects. Default false: `https:` only. */
  allowInsecureHttp?: boolean;
  /**
   * Also accept hosts that are or resolve to loopback, private, link-local, unique-local,
   * carrier-grade NAT, multicast or reserved addresses, and `localhost`. Default false. For a
   * storage server on your own network (or a test server on 127.0.0.1).
   */
  allowPrivateNetwork?: boolean;
  /**
   * Resolves a host name to its IP addresses, all of which must be public. Default: the
   * runtime's resolver. Not called with `allowPrivateNetwork`.
   */
  resolveHost?: (hostname: string) => Promise<readonly string[]>;
}

/** The options with their defaults, validated. */
export interface DownloadPolicy {
  maxBytes: number;
  maxRedirects: number;
  allowInsecureHttp: boolean;
  allowPrivateNetwork: boolean;
}

export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 ** 31;
export const DEFAULT_MAX_REDIRECTS = 5;

export function downloadPolicy(options: DownloadSafetyOptions = {}): DownloadPolicy {
  const { maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES, maxRedirects = DEFAULT_MAX_REDIRECTS } = options;
  if (typeof maxBytes !== 'number' || !(maxBytes >= 0) || (Number.isFinite(maxBytes) && !Number.isInteger(maxBytes))) {
    throw new ConfigurationError(
      `downloadFiles: maxBytes must be a whole number of bytes or Infinity, not ${String(maxBytes)}`,
    );
  }
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0 || maxRedirects > 20) {
    throw new ConfigurationError(
      `downloadFiles: maxRedirects must be a whole number from 0 to 20, not ${String(maxRedirects)}`,
    );
  }
  return {
    maxBytes,
    maxRedirects,
    allowInsecureHttp: options.allowInsecureHttp === true,
    allowPrivateNetwork: options.allowPrivateNetwork === true,
  };
}

export interface CheckedUrl {
  url: URL;
  /** A host name whose addresses still have to be resolved and checked (`checkHostAddresses`). */
  hostname?: string;
}

/**
 * Refuses (with a refusal (`isDownloadRefusal`)) a URL the policy does not allow, without any request or
 * DNS lookup. IP literals in any spelling (`0x7f.1`, `[::ffff:127.0.0.1]`) are normalised by the
 * URL parser and judged here; `localhost` and `*.localhost` always mean this machine (RFC 6761).
 */
export function checkDownloadUrl(input: string | URL, policy: DownloadPolicy): CheckedUrl {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw refuse('unsupported-url', 'not an http(s) URL');
  }
  // Never `file:`, `data:` or `blob:`: a task must not make us read local files.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('unsupported-url', 'not an http(s) URL');
  if (url.protocol === 'http:' && !policy.allowInsecureHttp) {
    throw refuse('insecure-url', 'an http: URL, refused: only https: is allowed (allowInsecureHttp: true allows it)');
  }
  if (policy.allowPrivateNetwork) return { url };
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) throw privateAddress(`${host} is this machine`);
  const range = ipAddressRange(host);
  if (range === undefined) return { url, hostname: host };
  if (range !== 'public') throw privateAddress(`${host} is a ${range} address`);
  return { url };
}

/** Refuses a host name when any of its addresses is not public (or when it has none). */
export function checkHostAddresses(hostname: string, addresses: readonly string[]): void {
  if (addresses.length === 0) throw refuse('unresolved-host', `${hostname} has no address`);
  for (const address of addresses) {
    const range = ipAddressRange(address);
    if (range === 'public') continue;
    throw privateAddress(`${hostname} resolves to ${address}, ${range ? `a ${range} address` : 'not an IP address'}`);
  }
}

const privateAddress = (why: string) =>
  refuse(
    'private-address',
    `${why}, refused: downloads only go to public addresses (allowPrivateNetwork: true allows it)`,
  );

/**
 * `Content-Length` when it counts the bytes the body will deliver: not under a content encoding, which fetch
 * decodes.
 */
export function declaredLength(headers: Headers): number | undefined {
  const encoding = headers.get('content-encoding');
  if (encoding && !/^identity$/i.test(encoding.trim())) return undefined;
  const length = headers.get('content-length')?.trim();
  if (!length || !/^\d+$/.test(length)) return undefined;
  const value = Number(length);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Refuses a file of `bytes` over `maxBytes`: call it with `Content-Length` before reading, and
 * with the running count before writing each chunk, so a lying or missing length cannot get past.
 */
export function checkDownloadSize(bytes: number, policy: Pick<DownloadPolicy, 'maxBytes'>, declared = false): void {
  if (bytes <= policy.maxBytes) return;
  const what = declared ? `its Content-Length (${bytes} bytes) is over` : `it grew past`;
  throw refuse('too-large', `too large: ${what} the ${policy.maxBytes}-byte limit (maxBytes)`);
}
