// Is this IP address somewhere a download must not go? Storage URLs come from the API (or from
// whoever sits between us and it): a URL or redirect aimed at 127.0.0.1, 169.254.169.254 (cloud
// metadata) or a LAN address would turn `downloadFiles` into a way to read the caller's network.
// Pure byte logic, shared by every runtime's `downloadFiles`.

/** Why an address is not public. Everything else in the unicast space counts as `public`. */
export type AddressRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'documentation'
  | 'reserved';

type Rule = readonly [prefix: readonly number[], bits: number, range: AddressRange];

// IANA's special-purpose registries (RFC 6890 and successors), reduced to what matters here.
const IPV4_RULES: readonly Rule[] = [
  [[0], 8, 'unspecified'], // "this network": 0.0.0.0 reaches the local host on Linux
  [[10], 8, 'private'],
  [[100, 64], 10, 'carrier-grade-nat'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'], // cloud metadata lives at 169.254.169.254
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'], // and 255.255.255.255
];

const IPV6_RULES: readonly Rule[] = [
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'private'], // local-use NAT64
  [[0x01, 0x00], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0x20, 0x01], 23, 'reserved'], // IETF protocol assignments, Teredo among them
  [[0x3f, 0xff], 20, 'documentation'],
  [[0xfc], 7, 'unique-local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'], // deprecated site-local
  [[0xff], 8, 'multicast'],
];

function matches(bytes: ArrayLike<number>, [prefix, bits]: Rule): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = (0xff << (8 - Math.min(8, bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Range(bytes: ArrayLike<number>): AddressRange | 'public' {
  return IPV4_RULES.find((rule) => matches(bytes, rule))?.[2] ?? 'public';
}

/**
 * An IPv4 address as the WHATWG URL parser and `inet_aton` read it: one to four parts, each
 * decimal, `0x` hex or `0` octal, the last filling the remaining bytes (`0x7f.1` is 127.0.0.1).
 * Undefined when `text` is not one.
 */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.at(-1) === '' && parts.length > 1) parts.pop();
  if (parts.length === 0 || parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    const match = /^(?:0x([0-9a-f]*)|(0[0-7]*)|([1-9][0-9]*))$/i.exec(part);
    if (!match) return undefined;
    const [, hex, octal, decimal] = match;
    numbers.push(
      hex !== undefined
        ? hex === ''
          ? 0
          : parseInt(hex, 16)
        : octal !== undefined
          ? parseInt(octal, 8)
          : Number(decimal),
    );
  }
  const last = numbers.pop()!;
  if (numbers.some((number) => number > 255) || last >= 256 ** (4 - numbers.length)) return undefined;
  const bytes = [...numbers];
  for (let shift = 3 - numbers.length; shift >= 0; shift--) bytes.push(Math.floor(last / 256 ** shift) % 256);
  return bytes;
}

/** An IPv6 address (brackets, a zone `%eth0` and a trailing dotted IPv4 allowed) as 16 bytes. */
export function parseIPv6(text: string): number[] | undefined {
  const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!/^[0-9a-f:.]+$/i.test(address) || address.split('::').length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const words: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(piece) ? piece.split('.').map(Number) : undefined;
        if (!ipv4 || ipv4.some((byte) => byte > 255)) return undefined;
        words.push((ipv4[0]! << 8) | ipv4[1]!, (ipv4[2]! << 8) | ipv4[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        words.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return words;
  };
  const [head, tail] = address.split('::');
  const before = groups(head!);
  const after = tail === undefined ? [] : groups(tail);
  if (!before || !after) return undefined;
  const missing = 8 - before.length - after.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const words = [...before, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...after];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}

function ipv6Range(bytes: number[]): AddressRange | 'public' {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 15)) return bytes[15] === 0 ? 'unspecified' : bytes[15] === 1 ? 'loopback' : 'reserved';
  // Addresses that carry an IPv4 address are as private as the one they carry.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return ipv4Range(bytes.slice(12)); // ::ffff:a.b.c.d
  if (matches(bytes, [[0x00, 0x64, 0xff, 0x9b], 96, 'reserved'])) return ipv4Range(bytes.slice(12)); // NAT64
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return ipv4Range(bytes.slice(2, 6)); // 6to4
  if (zeros(0, 12)) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  const special = IPV6_RULES.find((rule) => matches(bytes, rule));
  if (special) return special[2];
  // Only 2000::/3 is handed out as global unicast; the rest is unassigned.
  return (bytes[0]! & 0xe0) === 0x20 ? 'public' : 'reserved';
}

/**
 * `'public'`, or the non-public range `address` is in (`loopback`, `private`, `link-local`…), or
 * undefined when it is not an IP address at all (a host name). Takes what URLs and resolvers
 * give: `127.0.0.1`, `0x7f.1`, `[::1]`, `::ffff:7f00:1`, `fe80::1%eth0`.
 */
export function ipAddressRange(address: string): AddressRange | 'public' | undefined {
  const ipv4 = address.includes(':') ? undefined : parseIPv4(address);
  if (ipv4) return ipv4Range(ipv4);
  const ipv6 = parseIPv6(address);
  if (!ipv6) return undefined;
  // A zone only exists for link-local style scopes: never a public destination.
  return /%/.test(address) ? 'link-local' : ipv6Range(ipv6);
}
