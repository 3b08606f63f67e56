import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveBytes, startFileServer } from '../support/file-server.ts';
import { DownloadError } from '@vidgo-sdk/core/internal';
import { downloadFiles } from '../../src/download/download-files.ts';

// The default resolver, without real DNS: `evil.example` points into the LAN, the rest nowhere.
vi.mock('node:dns/promises', () => ({
  lookup: async (hostname: string) => {
    if (hostname === 'evil.example')
      return [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  },
}));

const big = new Uint8Array(3_000_000);
// What an attacker would aim at: a service on this machine. It must never be asked anything.
const target = await startFileServer({ '/secret': serveBytes(new TextEncoder().encode('secret')) });
const storage = await startFileServer({
  '/big.mp4': serveBytes(big),
  '/moved.mp4': (response) => response.writeHead(302, { location: '/big.mp4' }).end(),
  // No Content-Length (chunked): only the byte count can stop it.
  '/endless.mp4': (response) => {
    response.writeHead(200, { 'content-type': 'video/mp4' });
    const timer = setInterval(() => response.write(new Uint8Array(65_536)), 1);
    response.on('close', () => clearInterval(timer));
  },
});
afterAll(() => Promise.all([target.close(), storage.close()]));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidgo-download-safety-'));
  target.requests.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const task = (url: string) => ({
  task_id: 'task-unified-1757165211-xyz789',
  status: 'finished' as const,
  files: [{ file_url: url, file_type: 'video' }],
});
const local = { allowPrivateNetwork: true, allowInsecureHttp: true };
const publicDns = async () => ['93.184.215.14'];
/** Storage at a public name that answers every request with a redirect to `location`. */
const redirectingTo = (location: string) => {
  const requested: string[] = [];
  const fetch = (async (url: string) => {
    requested.push(url);
    return url.startsWith('https://storage.vidgo.ai/')
      ? new Response(null, { status: 302, headers: { location } })
      : globalThis.fetch(url);
  }) as typeof globalThis.fetch;
  return { fetch, requested };
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('it should be refused'),
    (error: unknown) => error as DownloadError,
  );

describe('downloadFiles refuses by default', () => {
  it('http://127.0.0.1 outright, and https://127.0.0.1 too, before any request', async () => {
    const insecure = await failure(downloadFiles(task(`${target.url}/secret?token=abc`), dir));
    expect(insecure).toBeInstanceOf(DownloadError);
    expect(insecure).toMatchObject({ code: 'download', reason: 'insecure-url', index: 0, url: `${target.url}/secret` });
    expect(insecure.message).toMatch(/allowInsecureHttp/);
    const loopback = await failure(
      downloadFiles(task(`${target.url.replace('http:', 'https:')}/secret`), dir, { allowInsecureHttp: true }),
    );
    expect(loopback).toMatchObject({
      reason: 'private-address',
      message: expect.stringContaining('127.0.0.1 is a loopback address'),
    });
    const insecureOnly = await failure(downloadFiles(task(`${target.url}/secret`), dir, { allowInsecureHttp: true }));
    expect(insecureOnly.reason).toBe('private-address');
    expect(target.requests).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['loopback', () => `${target.url}/secret`, 'insecure-url'],
    ['loopback over https', () => `${target.url.replace('http:', 'https:')}/secret`, 'private-address'],
    ['cloud metadata', () => 'https://169.254.169.254/latest/meta-data/iam', 'private-address'],
    ['IPv4-mapped loopback', () => 'https://[::ffff:127.0.0.1]/', 'private-address'],
    ['hex loopback', () => 'https://0x7f.1/', 'private-address'],
    ['localhost', () => 'https://localhost/', 'private-address'],
    ['plain http', () => 'http://storage.vidgo.ai/clip.mp4', 'insecure-url'],
  ])('a redirect to %s (%s), with zero bytes written and no file left', async (_, location, reason) => {
    const { fetch, requested } = redirectingTo(location());
    const progress: number[] = [];
    const error = await failure(
      downloadFiles(task('https://storage.vidgo.ai/clip.mp4?X-Signature=s3cr3t-sig'), dir, {
        fetch,
        resolveHost: publicDns,
        onProgress: (event) => progress.push(event.bytesWritten),
      }),
    );
    expect(error).toMatchObject({
      name: 'DownloadError',
      reason,
      url: 'https://storage.vidgo.ai/clip.mp4',
      message: expect.stringContaining('redirected to '),
    });
    expect(error.message).not.toContain('s3cr3t-sig');
    expect(requested).toEqual(['https://storage.vidgo.ai/clip.mp4?X-Signature=s3cr3t-sig']);
    expect(target.requests).toEqual([]);
    expect(progress).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a host name that resolves to a private address, with the default resolver', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const error = await failure(downloadFiles(task('https://evil.example/clip.mp4'), dir, { fetch }));
    expect(error).toMatchObject({
      reason: 'private-address',
      message: expect.stringContaining('evil.example resolves to 10.0.0.7, a private address'),
    });
    const unknown = await failure(downloadFiles(task('https://nowhere.example/clip.mp4'), dir, { fetch }));
    expect(unknown).toMatchObject({ reason: 'unresolved-host', message: expect.stringContaining('ENOTFOUND') });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('more than maxRedirects hops', async () => {
    const fetch = (async (url: string) =>
      new Response(null, { status: 301, headers: { location: `${url}x` } })) as typeof globalThis.fetch;
    const error = await failure(
      downloadFiles(task('https://storage.vidgo.ai/a'), dir, { fetch, resolveHost: publicDns, maxRedirects: 2 }),
    );
    expect(error).toMatchObject({ reason: 'too-many-redirects' });
  });

  it('follows a redirect that passes the checks', async () => {
    const { fetch } = redirectingTo(`${storage.url}/big.mp4`);
    const [written] = await downloadFiles(task('https://storage.vidgo.ai/clip.mp4'), dir, { fetch, ...local });
    expect(written).toMatchObject({ bytes: big.byteLength, path: join(dir, 'clip.mp4') });
    // A real 302 through Node's own fetch, whose `redirect: 'manual'` shows the Location.
    const [moved] = await downloadFiles(task(`${storage.url}/moved.mp4`), dir, local);
    expect(moved).toMatchObject({ bytes: big.byteLength, path: join(dir, 'moved.mp4') });
    expect(storage.requests.slice(-2)).toEqual(['/moved.mp4', '/big.mp4']);
  });
});

describe('maxBytes', () => {
  it('refuses a Content-Length over it before reading the body', async () => {
    const progress: number[] = [];
    const error = await failure(
      downloadFiles(task(`${storage.url}/big.mp4?sig=x`), dir, {
        ...local,
        maxBytes: 1_000_000,
        onProgress: (event) => progress.push(event.bytesWritten),
      }),
    );
    expect(error).toMatchObject({ reason: 'too-large', index: 0, url: `${storage.url}/big.mp4` });
    expect(error.message).toBe(
      `downloadFiles("task-unified-1757165211-xyz789"): file 1 (${storage.url}/big.mp4): too large: ` +
        'its Content-Length (3000000 bytes) is over the 1000000-byte limit (maxBytes)',
    );
    expect(progress).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('cuts off a body without Content-Length that streams past it, and removes the partial file', async () => {
    let most = 0;
    const error = await failure(
      downloadFiles(task(`${storage.url}/endless.mp4`), dir, {
        ...local,
        maxBytes: 500_000,
        onProgress: (event) => (most = event.bytesWritten),
      }),
    );
    expect(error).toMatchObject({
      reason: 'too-large',
      message: expect.stringContaining('grew past the 500000-byte limit'),
    });
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(500_000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('is not fooled by a Content-Length that lies', async () => {
    const fetch = (async () =>
      new Response(new Uint8Array(5000), { headers: { 'content-length': '100' } })) as typeof globalThis.fetch;
    const error = await failure(
      downloadFiles(task('https://storage.vidgo.ai/x.mp4'), dir, { fetch, resolveHost: publicDns, maxBytes: 1000 }),
    );
    expect(error.reason).toBe('too-large');
    expect(await readdir(dir)).toEqual([]);
  });

  it('is checked when the call starts', async () => {
    await expect(downloadFiles(task('https://storage.vidgo.ai/x.mp4'), dir, { maxBytes: -1 })).rejects.toMatchObject({
      name: 'ConfigurationError',
    });
  });
});
