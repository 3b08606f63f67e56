import { describe, expect, it } from 'vitest';
import { downloadPolicy } from '../../src/download/download-policy.ts';
import { fetchFollowingRedirects } from '../../src/download/fetch-following-redirects.ts';

/** A fetch over a table of URL → answer; it records what was requested, and how. */
function storage(routes: Record<string, () => Response>) {
  const requested: string[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    expect(init?.redirect).toBe('manual');
    requested.push(url);
    return routes[url]?.() ?? new Response('no such file', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, requested };
}
const redirect =
  (location: string, status = 302) =>
  () =>
    new Response('moved', { status, headers: { location } });
const publicDns = async (hostname: string) => (hostname === 'internal.example' ? ['10.1.2.3'] : ['93.184.215.14']);
const strict = downloadPolicy();

describe('fetchFollowingRedirects', () => {
  it('follows redirects (relative ones too), checking each hop, and says where it ended', async () => {
    const { fetch, requested } = storage({
      'https://a.example/x.mp4?sig=1': redirect('https://b.example/y.mp4', 301),
      'https://b.example/y.mp4': redirect('/z.mp4', 307),
      'https://b.example/z.mp4': () => new Response('bytes'),
    });
    const checked: string[] = [];
    const resolveHost = async (hostname: string) => {
      checked.push(hostname);
      return publicDns(hostname);
    };
    const { response, url } = await fetchFollowingRedirects('https://a.example/x.mp4?sig=1', {
      policy: strict,
      fetch,
      resolveHost,
    });
    expect(await response.text()).toBe('bytes');
    expect(url).toBe('https://b.example/z.mp4');
    expect(requested).toEqual(['https://a.example/x.mp4?sig=1', 'https://b.example/y.mp4', 'https://b.example/z.mp4']);
    expect(checked).toEqual(['a.example', 'b.example', 'b.example']);
  });

  it.each([
    ['http://127.0.0.1/x', 'insecure-url'],
    ['https://127.0.0.1/x', 'private-address'],
    ['https://169.254.169.254/latest/meta-data/', 'private-address'],
    ['https://[::ffff:7f00:1]/', 'private-address'],
    ['https://localhost/', 'private-address'],
    ['https://internal.example/', 'private-address'],
    ['file:///etc/passwd', 'unsupported-url'],
  ])('refuses a redirect to %s (%s) without requesting it', async (location, reason) => {
    const { fetch, requested } = storage({ 'https://a.example/x': redirect(location) });
    const error = await fetchFollowingRedirects('https://a.example/x', {
      policy: strict,
      fetch,
      resolveHost: publicDns,
    }).catch((error: unknown) => error);
    expect(error).toMatchObject({
      name: 'DownloadRefusedError',
      reason,
      message: expect.stringMatching(/^redirected to /),
    });
    expect(requested).toEqual(['https://a.example/x']);
  });

  it('stops after maxRedirects', async () => {
    const { fetch, requested } = storage({
      'https://a.example/1': redirect('/2'),
      'https://a.example/2': redirect('/3'),
      'https://a.example/3': redirect('/4?token=secret'),
    });
    const policy = downloadPolicy({ maxRedirects: 2 });
    const error = await fetchFollowingRedirects('https://a.example/1', { policy, fetch, resolveHost: publicDns }).catch(
      (error: unknown) => error,
    );
    expect(error).toMatchObject({
      reason: 'too-many-redirects',
      message: 'more than 2 redirects (maxRedirects), the last to https://a.example/4',
    });
    expect(requested).toHaveLength(3);
  });

  it('refuses a name that cannot be resolved, and never resolves with allowPrivateNetwork', async () => {
    const { fetch } = storage({ 'http://127.0.0.1/x': () => new Response('local') });
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(
      fetchFollowingRedirects('https://a.example/x', { policy: strict, fetch, resolveHost: failing }),
    ).rejects.toMatchObject({
      reason: 'unresolved-host',
      message: 'could not resolve a.example to check its addresses (ENOTFOUND)',
    });
    const open = downloadPolicy({ allowPrivateNetwork: true, allowInsecureHttp: true });
    expect(
      (await fetchFollowingRedirects('http://127.0.0.1/x', { policy: open, fetch, resolveHost: failing })).response
        .status,
    ).toBe(200);
  });

  it('returns a 3xx without Location as it is', async () => {
    const { fetch } = storage({ 'https://a.example/x': () => new Response('odd', { status: 302 }) });
    expect(
      (await fetchFollowingRedirects('https://a.example/x', { policy: strict, fetch, resolveHost: publicDns })).response
        .status,
    ).toBe(302);
  });
});
