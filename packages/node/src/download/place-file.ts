import { link, rename, stat, unlink } from 'node:fs/promises';

// Errors of file systems without hard links (FAT, some network and container mounts).
const NO_HARD_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'];

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Gives the complete file `from` the path `to`, unless a file is there: then resolves false and
 * changes nothing. A hard link fails atomically when the name exists, where `rename` would
 * replace it; on file systems without hard links it checks, then renames (a writer racing
 * between the two could still be replaced: Node has no other no-replace rename).
 */
export async function placeFile(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.includes(code)) throw error;
    if (await exists(to)) return false;
    await rename(from, to);
    return true;
  }
  // The file is in place; a hidden leftover is the lesser harm than failing a saved file.
  await unlink(from).catch(() => undefined);
  return true;
}
