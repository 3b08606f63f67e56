import { describe, expect, it } from 'vitest';
import { ipAddressRange, parseIPv4, parseIPv6 } from '../../src/download/ip-address.ts';

describe('ipAddressRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['017700000001', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.5', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:a00:1::', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'reserved'],
    ['1::', 'reserved'],
  ])('%s is %s', (address, range) => {
    expect(ipAddressRange(address)).toBe(range);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '93.184.215.14',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::',
    '2606:4700::1',
    '[2a00:1450:4001:80b::200e]',
  ])('%s is public', (address) => {
    expect(ipAddressRange(address)).toBe('public');
  });

  it.each([
    'example.com',
    'localhost',
    '1.2.3.4.example',
    '256.1.1.1',
    '1.256.0.0.0',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '::g',
    '',
    '1.2.3.-4',
  ])('%s is not an IP address', (host) => {
    expect(ipAddressRange(host)).toBeUndefined();
  });
});

describe('parsing', () => {
  it('reads IPv4 the way URLs and inet_aton do', () => {
    expect(parseIPv4('1.256')).toEqual([1, 0, 1, 0]);
    expect(parseIPv4('0x7f.0.0.1')).toEqual([127, 0, 0, 1]);
    expect(parseIPv4('4294967295')).toEqual([255, 255, 255, 255]);
    expect(parseIPv4('4294967296')).toBeUndefined();
    expect(parseIPv4('08.1.1.1')).toBeUndefined(); // 08 is no octal number
  });

  it('reads IPv6 with ::, brackets and a trailing IPv4', () => {
    expect(parseIPv6('::ffff:1.2.3.4')!.slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toHaveLength(16);
    expect(parseIPv6('::1:2:3:4:5:6:7')).toHaveLength(16);
    expect(parseIPv6('1:2:3:4:5:6:7:8::')).toBeUndefined();
    expect(parseIPv6('1:2:3')).toBeUndefined();
  });

  it('agrees with the URL parser on what it hands over', () => {
    expect(ipAddressRange(new URL('http://0x7f.1/').hostname)).toBe('loopback');
    expect(ipAddressRange(new URL('http://[::ffff:127.0.0.1]/').hostname)).toBe('loopback');
    expect(ipAddressRange(new URL('http://[0:0:0:0:0:0:0:1]/').hostname)).toBe('loopback');
    expect(ipAddressRange(new URL('http://0251.0376.0251.0376/').hostname)).toBe('link-local');
  });
});
