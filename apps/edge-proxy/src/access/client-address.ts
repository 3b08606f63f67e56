/**
 * The key a connection address is limited under: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by
 * its /64, since one host commonly holds a whole /64. Undefined for anything that is no address.
 */
export function addressKey(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const plain = mapped?.[1] ?? address;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(plain)) return plain;
  const groups = ipv6Groups(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  return groups && `${groups.slice(0, 4).join(':')}::/64`;
}

function ipv6Groups(address: string): string[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(address) || address.length > 45) return undefined;
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const split = (part: string) => (part ? part.split(':') : []);
  const left = split(head);
  const right = tail === undefined ? [] : split(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.slice(0, 4).every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.map((group) => (/^[0-9a-f]{1,4}$/i.test(group) ? Number.parseInt(group, 16).toString(16) : group));
}

export const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined &&
  (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address) ||
    address === '::1');
