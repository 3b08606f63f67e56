import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { moveIntoPlace } from './move-into-place.ts';

// Some file systems (FAT, a few network and container mounts) have no hard links.
const noHardLinks = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    link: (...args: Parameters<typeof fs.link>) =>
      noHardLinks.on ? Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' })) : fs.link(...args),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidgo-move-'));
});
afterEach(async () => {
  noHardLinks.on = false;
  await rm(dir, { recursive: true, force: true });
});

async function place(name: string, content: string, taken = new Set<string>()) {
  const temporary = join(dir, `.${name}.part`);
  await writeFile(temporary, content);
  return moveIntoPlace(temporary, dir, name, taken);
}

describe.each([false, true])('moveIntoPlace (without hard links: %s)', (withoutHardLinks) => {
  it('takes the name, or the next free one, and never replaces a file', async () => {
    noHardLinks.on = withoutHardLinks;
    await writeFile(join(dir, 'clip.mp4'), 'mine');
    const taken = new Set(['clip-2.mp4']);
    expect(await place('clip.mp4', 'new', taken)).toBe(join(dir, 'clip-3.mp4'));
    expect(await place('clip.mp4', 'newer', taken)).toBe(join(dir, 'clip-4.mp4'));
    expect(await readFile(join(dir, 'clip.mp4'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'clip-4.mp4'), 'utf8')).toBe('newer');
    expect((await readdir(dir)).sort()).toEqual(['clip-3.mp4', 'clip-4.mp4', 'clip.mp4']);
  });

  it('treats names that differ only in case as the same', async () => {
    noHardLinks.on = withoutHardLinks;
    const taken = new Set<string>();
    await place('Clip.mp4', 'a', taken);
    expect(await place('clip.mp4', 'b', taken)).toBe(join(dir, 'clip-2.mp4'));
  });
});
