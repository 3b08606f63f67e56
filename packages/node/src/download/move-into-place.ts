import { link, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { withCollisionSuffix } from '@vidgo-sdk/core/internal';

const MAX_ATTEMPTS = 1000;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Gives a complete temporary file its final name in `dir`: `name`, or `name-2`, `name-3`… when
 * that is taken, by an earlier file of the same task (`taken`) or by a file already on disk.
 * Never replaces a file: a hard link fails atomically when the name exists, where `rename`
 * would overwrite it. On file systems without hard links it checks, then renames.
 */
export async function moveIntoPlace(temporaryPath: string, dir: string, name: string, taken: Set<string>): Promise<string> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const candidate = withCollisionSuffix(name, attempt);
    // Case-insensitive file systems (macOS, Windows) see `A.mp4` and `a.mp4` as one file.
    if (taken.has(candidate.toLowerCase())) continue;
    const path = join(dir, candidate);
    try {
      await link(temporaryPath, path);
      await unlink(temporaryPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw error;
      if (await exists(path)) continue;
      await rename(temporaryPath, path);
    }
    taken.add(candidate.toLowerCase());
    return path;
  }
  throw new Error(`no free name like ${name} in ${dir}`);
}
