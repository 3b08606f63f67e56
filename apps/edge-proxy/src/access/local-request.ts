import { isLoopbackAddress } from './client-address.ts';

// Set by every reverse proxy and TLS terminator: behind one, the socket's 127.0.0.1 is the
// terminator's address, not the client's.
const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-real-ip',
  'via',
  'cf-connecting-ip',
  'true-client-ip',
];

const isLoopbackName = (hostname: string) =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  hostname === '[::1]' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

function loopbackHost(value: string): boolean {
  try {
    return isLoopbackName(new URL(`http://${value}`).hostname);
  } catch {
    return false;
  }
}

function loopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Why a request cannot count as one from this machine, or undefined when it does. The socket
 * address alone is not enough: a same-host TLS terminator makes everyone 127.0.0.1 (it adds a
 * forwarding header), and a DNS-rebinding page reaches 127.0.0.1 under its own host name (its
 * Host and Origin are foreign).
 */
export function notLocal(request: Request, address: string | undefined): string | undefined {
  if (!isLoopbackAddress(address)) return 'not from this machine';
  const headers = request.headers;
  if (FORWARDING_HEADERS.some((name) => headers.has(name))) return 'forwarded by another proxy';
  const host = headers.get('host');
  if ((host !== null && !loopbackHost(host)) || !isLoopbackName(new URL(request.url).hostname))
    return 'addressed to a host name that is not local';
  const origin = headers.get('origin');
  if (origin !== null && !loopbackOrigin(origin)) return 'sent by a page of another site';
  if (headers.get('sec-fetch-site') === 'cross-site') return 'sent by a page of another site';
  return undefined;
}
