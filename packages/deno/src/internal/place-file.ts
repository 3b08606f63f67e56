import { withCollisionSuffix } from '@vidgo-sdk/core/internal';

const MAX_COLLISIONS = 1000;
// Errors of file systems without hard links (FAT, some network and container mounts).
const NO_HARD_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'];

/**
 * Gives a complete temporary file its final name: `name`, or `name-2`, `name-3`… when that is
 * taken, by an earlier file of this call (`taken`, lowercased: macOS and Windows ignore case) or
 * by any file on disk. Never replaces a file, even one another process creates this very moment:
 * `Deno.link` fails atomically when the name exists, where `Deno.rename` would overwrite it.
 * Returns the name used, or undefined when a thousand names are taken.
 */
export async function placeFile(temporaryPath: string, name: string, taken: Set<string>, join: (name: string) => string): Promise<string | undefined> {
  for (let copy = 1; copy <= MAX_COLLISIONS; copy++) {
    const candidate = withCollisionSuffix(name, copy);
    if (taken.has(candidate.toLowerCase())) continue;
    const path = join(candidate);
    try {
      await Deno.link(temporaryPath, path);
      // The file is in place; a hidden leftover is the lesser harm than failing a saved file.
      await Deno.remove(temporaryPath).catch(() => {});
    } catch (error) {
      if (error instanceof Deno.errors.AlreadyExists) continue;
      const code = (error as { code?: unknown }).code;
      if (!(error instanceof Deno.errors.NotSupported) && !NO_HARD_LINKS.includes(String(code))) throw error;
      // Without hard links: check, then rename. A writer racing between the two could still be
      // replaced; Deno has no other no-replace rename.
      if (await exists(path)) continue;
      await Deno.rename(temporaryPath, path);
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  }
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
