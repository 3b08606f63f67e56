// Errors of file systems without hard links (FAT, some network and container mounts).
const NO_HARD_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'];

/**
 * Gives the complete file `from` the path `to`, unless a file is there: then resolves false and
 * changes nothing. Never replaces a file, even one another process creates this very moment:
 * `Deno.link` fails atomically when the name exists, where `Deno.rename` would overwrite it.
 */
export async function placeFile(from: string, to: string): Promise<boolean> {
  try {
    await Deno.link(from, to);
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof Deno.errors.NotSupported) && !NO_HARD_LINKS.includes(String(code))) throw error;
    // Without hard links: check, then rename. A writer racing between the two could still be
    // replaced; Deno has no other no-replace rename.
    if (await exists(to)) return false;
    await Deno.rename(from, to);
    return true;
  }
  // The file is in place; a hidden leftover is the lesser harm than failing a saved file.
  await Deno.remove(from).catch(() => {});
  return true;
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
