import assert from 'node:assert/strict';
import { placeFile } from '../../src/internal/place-file.ts';

const OUTPUT = '.test-output';

async function inTemporaryDir(body: (dir: string, join: (name: string) => string) => Promise<void>): Promise<void> {
  await Deno.mkdir(OUTPUT, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: OUTPUT, prefix: 'place-' });
  try {
    await body(dir, (name) => `${dir}/${name}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Replaces `Deno.link` for one test. */
async function withLink(link: typeof Deno.link, body: () => Promise<void>): Promise<void> {
  const real = Deno.link;
  (Deno as unknown as Record<string, unknown>).link = link;
  try {
    await body();
  } finally {
    (Deno as unknown as Record<string, unknown>).link = real;
  }
}

Deno.test('placeFile: a writer that takes the name at the last moment is never overwritten', () =>
  inTemporaryDir(async (dir, join) => {
    await Deno.writeTextFile(join('.clip.part'), 'ours');
    const real = Deno.link;
    // Another process creates clip.mp4 after the name looked free, just before ours lands.
    const racing = async (from: string, to: string) => {
      if (String(to).endsWith('/clip.mp4')) await Deno.writeTextFile(to, 'theirs');
      return real(from, to);
    };
    await withLink(racing, async () => {
      assert.equal(await placeFile(join('.clip.part'), join('clip.mp4')), false);
      assert.equal(await placeFile(join('.clip.part'), join('clip-2.mp4')), true);
    });
    assert.equal(await Deno.readTextFile(join('clip.mp4')), 'theirs');
    assert.equal(await Deno.readTextFile(join('clip-2.mp4')), 'ours');
    assert.deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name).sort(), [
      'clip-2.mp4',
      'clip.mp4',
    ]);
  }));

Deno.test('placeFile: without hard links, it checks then renames, still around existing files', () =>
  inTemporaryDir(async (_dir, join) => {
    await Deno.writeTextFile(join('clip.mp4'), 'mine');
    await Deno.writeTextFile(join('.clip.part'), 'new');
    await withLink(
      () => Promise.reject(new Deno.errors.NotSupported('operation not supported')),
      async () => {
        assert.equal(await placeFile(join('.clip.part'), join('clip.mp4')), false);
        assert.equal(await placeFile(join('.clip.part'), join('clip-3.mp4')), true);
      },
    );
    assert.equal(await Deno.readTextFile(join('clip.mp4')), 'mine');
    assert.equal(await Deno.readTextFile(join('clip-3.mp4')), 'new');
  }));
