import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { placeFile } from '../../src/download/place-file.ts';

// Some file systems (FAT, a few network and container mounts) have no hard links.
const noHardLinks = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    link: (...args: Parameters<typeof fs.link>) =>
      noHardLinks.on
        ? Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' }))
        : fs.link(...args),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidgo-place-'));
});
afterEach(async () => {
  noHardLinks.on = false;
  await rm(dir, { recursive: true, force: true });
});

describe.each([false, true])('placeFile (without hard links: %s)', (withoutHardLinks) => {
  it('gives a free name and leaves no temporary file', async () => {
    noHardLinks.on = withoutHardLinks;
    await writeFile(join(dir, '.clip.part'), 'new');
    expect(await placeFile(join(dir, '.clip.part'), join(dir, 'clip.mp4'))).toBe(true);
    expect(await readFile(join(dir, 'clip.mp4'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['clip.mp4']);
  });

  it('never replaces a file: a taken name is answered false, and both files stay as they were', async () => {
    noHardLinks.on = withoutHardLinks;
    await writeFile(join(dir, 'clip.mp4'), 'mine');
    await writeFile(join(dir, '.clip.part'), 'new');
    expect(await placeFile(join(dir, '.clip.part'), join(dir, 'clip.mp4'))).toBe(false);
    expect(await readFile(join(dir, 'clip.mp4'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, '.clip.part'), 'utf8')).toBe('new');
  });
});
