import assert from 'node:assert/strict';
import { DownloadError } from '@vidgo-sdk/core/internal';
import { downloadFiles, type DownloadOptions } from '../src/download-files.ts';
import { startFileServer, type FileServer } from './support/file-server.ts';

// What a hostile or hijacked API answer may aim downloads at, and the limits that stop it.
const OUTPUT = '.test-output';
const local = { allowPrivateNetwork: true, allowInsecureHttp: true };
const publicDns = () => Promise.resolve(['93.184.215.14']);
const finished = (...urls: string[]) => ({
  task_id: 'task-unified-1757165031-uyujaw3d',
  status: 'finished',
  files: urls.map((file_url) => ({ file_url, file_type: 'video' })),
});

async function setup(body: (context: { dir: string; server: FileServer }) => Promise<void>): Promise<void> {
  await Deno.mkdir(OUTPUT, { recursive: true });
  const root = await Deno.makeTempDir({ dir: OUTPUT, prefix: 'safety-' });
  const server = startFileServer();
  try {
    await body({ dir: root, server });
  } finally {
    await server.close();
    await Deno.remove(root, { recursive: true });
  }
}

const list = async (dir: string) => (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name).sort();

async function refusal(download: Promise<unknown>): Promise<DownloadError> {
  const error = await download.then(
    () => assert.fail('it should be refused'),
    (error: unknown) => error,
  );
  assert.ok(error instanceof DownloadError, String(error));
  return error;
}

/** Storage at a public name whose every answer is a redirect to `location`; anything else goes out for real. */
function redirectingTo(location: string): { fetch: typeof fetch; requested: string[] } {
  const requested: string[] = [];
  const fetchFunction = (input: RequestInfo | URL, init?: RequestInit) => {
    requested.push(String(input));
    if (!String(input).startsWith('https://storage.vidgo.ai/')) return fetch(input, init);
    return Promise.resolve(new Response(null, { status: 302, headers: { location } }));
  };
  return { fetch: fetchFunction as typeof fetch, requested };
}

Deno.test('safety: the default refuses http://127.0.0.1 outright, and https://127.0.0.1, before any request', () =>
  setup(async ({ dir, server }) => {
    const insecure = await refusal(downloadFiles(finished(`${server.origin}/a.mp4?token=abc`), dir));
    assert.equal(insecure.reason, 'insecure-url');
    assert.equal(insecure.url, `${server.origin}/a.mp4`);
    assert.match(insecure.message, /allowInsecureHttp/);
    const loopback = await refusal(downloadFiles(finished(`${server.origin}/a.mp4`), dir, { allowInsecureHttp: true }));
    assert.equal(loopback.reason, 'private-address');
    assert.match(loopback.message, /127\.0\.0\.1 is a loopback address/);
    assert.deepEqual(server.requests, []);
    assert.deepEqual(await list(dir), []);
  }));

for (const [what, location, reason] of [
  ['loopback', (server: FileServer) => `${server.origin}/a.mp4`, 'insecure-url'],
  [
    'loopback over https',
    (server: FileServer) => `${server.origin.replace('http:', 'https:')}/a.mp4`,
    'private-address',
  ],
  ['cloud metadata', () => 'https://169.254.169.254/latest/meta-data/', 'private-address'],
  ['an IPv4-mapped loopback', () => 'https://[::ffff:127.0.0.1]/a.mp4', 'private-address'],
  ['plain http', () => 'http://storage.vidgo.ai/a.mp4', 'insecure-url'],
] as const) {
  Deno.test(`safety: a redirect to ${what} is refused (${reason}), with zero bytes written and no file left`, () =>
    setup(async ({ dir, server }) => {
      const { fetch, requested } = redirectingTo(location(server));
      const progress: number[] = [];
      const options: DownloadOptions = {
        fetch,
        resolveHost: publicDns,
        onProgress: ({ bytesWritten }) => progress.push(bytesWritten),
      };
      const error = await refusal(
        downloadFiles(finished('https://storage.vidgo.ai/a.mp4?X-Signature=s3cr3t-sig'), dir, options),
      );
      assert.equal(error.reason, reason);
      assert.match(error.message, /redirected to /);
      assert.ok(!error.message.includes('s3cr3t-sig'), error.message);
      assert.deepEqual(requested, ['https://storage.vidgo.ai/a.mp4?X-Signature=s3cr3t-sig']);
      assert.deepEqual(server.requests, []);
      assert.deepEqual(progress, []);
      assert.deepEqual(await list(dir), []);
    }));
}

Deno.test('safety: a redirect that passes the checks is followed, at most maxRedirects times', () =>
  setup(async ({ dir, server }) => {
    const { fetch } = redirectingTo(`${server.origin}/generated/clip.mp4?size=10`);
    const [saved] = await downloadFiles(finished('https://storage.vidgo.ai/a.mp4'), dir, { fetch, ...local });
    assert.equal(saved?.name, 'a.mp4'); // named after the task's URL, not the last hop
    assert.equal(saved?.bytes, 10);
    const loop = (() =>
      Promise.resolve(new Response(null, { status: 301, headers: { location: '/again' } }))) as typeof globalThis.fetch;
    const error = await refusal(
      downloadFiles(finished('https://storage.vidgo.ai/a.mp4'), dir, {
        fetch: loop,
        resolveHost: publicDns,
        maxRedirects: 3,
      }),
    );
    assert.equal(error.reason, 'too-many-redirects');
  }));

Deno.test('safety: host names are resolved with Deno.resolveDns, and refused when private or unresolvable', () =>
  setup(async ({ dir }) => {
    const real = Deno.resolveDns;
    let fetched = 0;
    const fetch = (() => {
      fetched++;
      return Promise.resolve(new Response('x'));
    }) as typeof globalThis.fetch;
    try {
      (Deno as unknown as Record<string, unknown>).resolveDns = (_name: string, type: string) =>
        Promise.resolve(type === 'A' ? ['93.184.215.14', '10.0.0.7'] : []);
      const lan = await refusal(downloadFiles(finished('https://evil.example/a.mp4'), dir, { fetch }));
      assert.equal(lan.reason, 'private-address');
      assert.match(lan.message, /evil\.example resolves to 10\.0\.0\.7, a private address/);
      (Deno as unknown as Record<string, unknown>).resolveDns = () =>
        Promise.reject(new Deno.errors.NotCapable('Requires net access to "10.0.0.53:53"'));
      const denied = await refusal(downloadFiles(finished('https://storage.vidgo.ai/a.mp4'), dir, { fetch }));
      assert.equal(denied.reason, 'unresolved-host');
      assert.match(
        denied.message,
        /may not ask the name servers: Requires net access to "10\.0\.0\.53:53".*allowPrivateNetwork: true/,
      );
    } finally {
      (Deno as unknown as Record<string, unknown>).resolveDns = real;
    }
    assert.equal(fetched, 0);
  }));

Deno.test('safety: a Content-Length over maxBytes is refused before the body is read', () =>
  setup(async ({ dir, server }) => {
    const progress: number[] = [];
    const error = await refusal(
      downloadFiles(finished(`${server.origin}/big.mp4?size=300000`), dir, {
        ...local,
        maxBytes: 100_000,
        onProgress: ({ bytesWritten }) => progress.push(bytesWritten),
      }),
    );
    assert.equal(error.reason, 'too-large');
    // Messages count files from 1, as on Node; `index` counts from 0.
    assert.equal(
      error.message,
      `downloadFiles("task-unified-1757165031-uyujaw3d"): file 1 (${server.origin}/big.mp4): too large: ` +
        'its Content-Length (300000 bytes) is over the 100000-byte limit (maxBytes)',
    );
    assert.deepEqual(progress, []);
    assert.deepEqual(await list(dir), []);
  }));

Deno.test('safety: a body past maxBytes (no or a lying Content-Length) is cut off and its partial file removed', () =>
  setup(async ({ dir }) => {
    for (const headers of [{}, { 'content-length': '100' }] as Record<string, string>[]) {
      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(16_384).fill(pulled++)),
      });
      const fetch = (() => Promise.resolve(new Response(endless, { headers }))) as typeof globalThis.fetch;
      let most = 0;
      const error = await refusal(
        downloadFiles(finished('https://storage.vidgo.ai/a.mp4'), dir, {
          fetch,
          resolveHost: publicDns,
          maxBytes: 100_000,
          onProgress: ({ bytesWritten }) => (most = bytesWritten),
        }),
      );
      assert.equal(error.reason, 'too-large');
      assert.match(error.message, /grew past the 100000-byte limit/);
      assert.ok(most > 0 && most <= 100_000, String(most));
      assert.deepEqual(await list(dir), []);
    }
  }));
