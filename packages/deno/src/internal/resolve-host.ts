import { isPermissionError } from './permission-error.ts';

/**
 * The A and AAAA addresses of `hostname`, for `downloadFiles` to refuse a host that resolves into
 * a private network. `Deno.resolveDns` needs net permission for the system's name servers (it
 * says which, e.g. `--allow-net=10.0.0.53:53`); without it this throws, and the download is
 * refused rather than let through unchecked.
 *
 * What stays open: `Deno.resolveDns` asks the name servers and skips `/etc/hosts`, while fetch
 * resolves through the system; and fetch resolves the name again when it connects, so a DNS
 * server that changes its answer in between (DNS rebinding) gets past. Deno's fetch has no way
 * to pin the address. A name found only in `/etc/hosts` has no address here, and is refused.
 */
export async function resolveHost(hostname: string): Promise<string[]> {
  const answers = await Promise.allSettled([Deno.resolveDns(hostname, 'A'), Deno.resolveDns(hostname, 'AAAA')]);
  const addresses: string[] = [];
  for (const answer of answers) {
    if (answer.status === 'fulfilled') {
      addresses.push(...answer.value);
    } else if (isPermissionError(answer.reason)) {
      const message = answer.reason instanceof Error ? answer.reason.message : String(answer.reason);
      throw new Error(
        `Deno.resolveDns may not ask the name servers: ${message}; ` +
          'grant that, or pass resolveHost, or allowPrivateNetwork: true',
        { cause: answer.reason },
      );
    } else if (!(answer.reason instanceof Deno.errors.NotFound)) {
      throw answer.reason; // no such record type is fine; a failed lookup is not
    }
  }
  return addresses;
}
