import type { FileServer } from './file-server.ts';
import { startFileServer } from './file-server.ts';

// Everything the tests write stays under .test-output/ (the only place `pnpm test` lets them write).
export const OUTPUT = '.test-output';

// The file server is http://127.0.0.1: downloads from it have to be allowed now, and say so.
export const local = { allowPrivateNetwork: true, allowInsecureHttp: true };

export const finished = (urls: string[]) => ({
  task_id: 'task-unified-1757165031-uyujaw3d',
  status: 'finished',
  files: urls.map((file_url) => ({ file_url, file_type: file_url.includes('.mp4') ? 'video' : 'image' })),
});

/** A fresh directory and a fresh file server for one test; both are gone afterwards. */
export async function setup(
  body: (context: { dir: string; server: FileServer; root: string }) => Promise<void>,
): Promise<void> {
  await Deno.mkdir(OUTPUT, { recursive: true });
  const root = await Deno.makeTempDir({ dir: OUTPUT, prefix: 'download-' });
  const server = startFileServer();
  try {
    await body({ dir: `${root}/out`, server, root });
  } finally {
    await server.close();
    await Deno.remove(root, { recursive: true });
  }
}

export async function list(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}
