// fetch follows redirects on its own and only shows where it ended: a storage URL that redirects
// to http://169.254.169.254/ would be fetched before anyone could object. So downloads ask for
// `redirect: 'manual'` and walk the chain here, checking every hop as the first URL was checked.
import {
  checkDownloadUrl,
  checkHostAddresses,
  type DownloadPolicy,
  type DownloadSafetyOptions,
} from './download-policy.ts';
import { isDownloadRefusal, refuse } from './download-refused-error.ts';
import { displayUrl } from './display-url.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FollowRedirectsOptions {
  policy: DownloadPolicy;
  fetch: typeof fetch;
  /** Resolves host names for the private-network check; required unless `policy.allowPrivateNetwork`. */
  resolveHost?: DownloadSafetyOptions['resolveHost'];
  signal?: AbortSignal;
}

export interface FollowedResponse {
  response: Response;
  /** The URL that answered (the last hop). */
  url: string;
}

/**
 * Fetches `url`, following up to `policy.maxRedirects` redirects itself. Every hop must pass
 * `checkDownloadUrl`, and a host name must resolve to public addresses only; otherwise it throws a
 * refusal (`isDownloadRefusal`) before that hop is requested. Whatever `fetch` throws (network, abort)
 * comes out as it is. A 3xx without `Location` is returned like any other answer.
 *
 * What this cannot close: the addresses are resolved here, then `fetch` resolves the name again
 * when it connects. A DNS server that answers a public address first and a private one a moment
 * later (DNS rebinding) gets past; pinning the address would need control over fetch's
 * connections, which no web-standard API gives.
 */
export async function fetchFollowingRedirects(url: string, options: FollowRedirectsOptions): Promise<FollowedResponse> {
  const { policy, fetch: fetchFunction, signal } = options;
  let current = url;
  for (let hop = 0; ; hop++) {
    const checked = await checkHop(current, hop, options);
    signal?.throwIfAborted();
    const response = await fetchFunction(checked.href, { signal, redirect: 'manual' });
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return { response, url: checked.href };
    await response.body?.cancel().catch(() => undefined);
    if (hop >= policy.maxRedirects) {
      throw refuse(
        'too-many-redirects',
        `more than ${policy.maxRedirects} redirects (maxRedirects), the last to ${target(location, checked)}`,
      );
    }
    try {
      current = new URL(location, checked).href;
    } catch {
      throw refuse('unsupported-url', `a redirect to ${target(location, checked)}, which is not a URL`);
    }
  }
}

async function checkHop(url: string, hop: number, { policy, resolveHost }: FollowRedirectsOptions): Promise<URL> {
  try {
    const { url: checked, hostname } = checkDownloadUrl(url, policy);
    if (hostname !== undefined) {
      if (!resolveHost)
        throw new TypeError('fetchFollowingRedirects: resolveHost is required unless allowPrivateNetwork');
      let addresses: readonly string[];
      try {
        addresses = await resolveHost(hostname);
      } catch (cause) {
        throw refuse(
          'unresolved-host',
          `could not resolve ${hostname} to check its addresses (${messageOf(cause)})`,
          cause,
        );
      }
      checkHostAddresses(hostname, addresses);
    }
    return checked;
  } catch (error) {
    // The first URL is named by the caller's message; a redirect's target is named here.
    if (hop === 0 || !isDownloadRefusal(error)) throw error;
    throw refuse(error.reason, `redirected to ${displayUrl(url)}: ${error.message}`, error.cause);
  }
}

const target = (location: string, base: URL) => {
  try {
    return displayUrl(new URL(location, base).href);
  } catch {
    return JSON.stringify(location.slice(0, 100));
  }
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
