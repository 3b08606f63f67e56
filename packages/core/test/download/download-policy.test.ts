import { describe, expect, it } from 'vitest';
import {
  checkDownloadSize,
  checkDownloadUrl,
  checkHostAddresses,
  declaredLength,
  downloadPolicy,
} from '../../src/download/download-policy.ts';
import { isDownloadRefusal } from '../../src/download/download-refused-error.ts';

const strict = downloadPolicy();
const reasonOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    if (isDownloadRefusal(error)) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('downloadPolicy', () => {
  it('defaults to 2 GiB, 5 redirects, https only, public addresses only', () => {
    expect(strict).toEqual({
      maxBytes: 2 ** 31,
      maxRedirects: 5,
      allowInsecureHttp: false,
      allowPrivateNetwork: false,
    });
    expect(downloadPolicy({ maxBytes: Infinity }).maxBytes).toBe(Infinity);
  });

  it.each([{ maxBytes: -1 }, { maxBytes: 1.5 }, { maxBytes: Number.NaN }, { maxRedirects: -1 }, { maxRedirects: 100 }])(
    'refuses %o',
    (options) => {
      expect(() => downloadPolicy(options)).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
    },
  );
});

describe('checkDownloadUrl', () => {
  it.each([
    ['https://storage.vidgo.ai/a.mp4', 'accepted'],
    ['https://8.8.8.8/a.mp4', 'accepted'],
    ['https://[2606:4700::1]/a.mp4', 'accepted'],
    ['http://storage.vidgo.ai/a.mp4', 'insecure-url'],
    ['file:///etc/passwd', 'unsupported-url'],
    ['data:text/plain,hi', 'unsupported-url'],
    ['not a url', 'unsupported-url'],
    ['https://127.0.0.1/', 'private-address'],
    ['https://0x7f.1/', 'private-address'],
    ['https://2130706433/', 'private-address'],
    ['https://[::1]/', 'private-address'],
    ['https://[::ffff:127.0.0.1]/', 'private-address'],
    ['https://[::ffff:169.254.169.254]/', 'private-address'],
    ['https://169.254.169.254/latest/meta-data/', 'private-address'],
    ['https://10.0.0.1/', 'private-address'],
    ['https://100.100.100.200/', 'private-address'],
    ['https://[fd12::1]/', 'private-address'],
    ['https://[fe80::1]/', 'private-address'],
    ['https://0.0.0.0/', 'private-address'],
    ['https://localhost/', 'private-address'],
    ['https://LOCALHOST./', 'private-address'],
    ['https://files.localhost/', 'private-address'],
  ])('%s: %s', (url, reason) => {
    expect(reasonOf(() => checkDownloadUrl(url, strict))).toBe(reason);
  });

  it('asks for a host name to be resolved, and judges IP literals itself', () => {
    expect(checkDownloadUrl('https://Storage.Vidgo.AI./x', strict).hostname).toBe('storage.vidgo.ai');
    expect(checkDownloadUrl('https://8.8.8.8/x', strict).hostname).toBeUndefined();
  });

  it('lets the caller allow http and private addresses, each on its own', () => {
    expect(reasonOf(() => checkDownloadUrl('http://127.0.0.1/', downloadPolicy({ allowInsecureHttp: true })))).toBe(
      'private-address',
    );
    expect(reasonOf(() => checkDownloadUrl('http://127.0.0.1/', downloadPolicy({ allowPrivateNetwork: true })))).toBe(
      'insecure-url',
    );
    expect(
      checkDownloadUrl(
        'http://localhost:8080/x',
        downloadPolicy({ allowPrivateNetwork: true, allowInsecureHttp: true }),
      ),
    ).toEqual({ url: new URL('http://localhost:8080/x') });
    expect(
      reasonOf(() =>
        checkDownloadUrl('file:///x', downloadPolicy({ allowPrivateNetwork: true, allowInsecureHttp: true })),
      ),
    ).toBe('unsupported-url');
  });

  it('says why, and how to allow it', () => {
    expect(() => checkDownloadUrl('https://169.254.169.254/', strict)).toThrow(
      '169.254.169.254 is a link-local address, refused: ' +
        'downloads only go to public addresses (allowPrivateNetwork: true allows it)',
    );
  });
});

describe('checkHostAddresses', () => {
  it('refuses a name when any of its addresses is not public', () => {
    expect(
      reasonOf(() => checkHostAddresses('cdn.example', ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'])),
    ).toBe('accepted');
    expect(reasonOf(() => checkHostAddresses('cdn.example', ['93.184.215.14', '10.0.0.7']))).toBe('private-address');
    expect(reasonOf(() => checkHostAddresses('cdn.example', ['::ffff:127.0.0.1']))).toBe('private-address');
    expect(reasonOf(() => checkHostAddresses('cdn.example', []))).toBe('unresolved-host');
    expect(() => checkHostAddresses('metadata.internal', ['169.254.169.254'])).toThrow(
      'metadata.internal resolves to 169.254.169.254, a link-local address',
    );
  });
});

describe('sizes', () => {
  it('reads Content-Length only when it counts the delivered bytes', () => {
    expect(declaredLength(new Headers({ 'content-length': '42' }))).toBe(42);
    expect(declaredLength(new Headers({ 'content-length': '42', 'content-encoding': 'gzip' }))).toBeUndefined();
    expect(declaredLength(new Headers({ 'content-length': '-1' }))).toBeUndefined();
    expect(declaredLength(new Headers({ 'content-length': '99999999999999999999' }))).toBeUndefined();
    expect(declaredLength(new Headers())).toBeUndefined();
  });

  it('refuses what is over maxBytes, and accepts exactly maxBytes', () => {
    const policy = downloadPolicy({ maxBytes: 10 });
    expect(reasonOf(() => checkDownloadSize(10, policy))).toBe('accepted');
    expect(reasonOf(() => checkDownloadSize(11, policy))).toBe('too-large');
    expect(() => checkDownloadSize(2 ** 40, strict, true)).toThrow(
      `its Content-Length (${2 ** 40} bytes) is over the 2147483648-byte limit (maxBytes)`,
    );
  });
});
