import { lookup } from 'node:dns/promises';

/**
 * Every address `hostname` resolves to, as `fetch` will see them: `dns.lookup` goes through the
 * system resolver (getaddrinfo), `/etc/hosts` included, like undici's own connection does.
 * `downloadFiles` refuses the host when any of them is not public.
 *
 * The gap that stays: fetch resolves the name again when it connects, and a DNS server may answer
 * differently then (DNS rebinding). Closing it would mean pinning the address in fetch's
 * dispatcher, which Node's global fetch does not expose without the `undici` package.
 */
export async function resolveHost(hostname: string): Promise<string[]> {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address }) => address);
}
