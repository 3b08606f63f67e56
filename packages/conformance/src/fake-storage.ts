// Storage for the download checks, in memory: a `fetch` that answers file URLs from a table, so
// the checks run the same on every runtime without a socket (and, like real storage, a body
// comes in several chunks).
const CHUNK = 16_384;

export type StorageAnswer = (init: RequestInit | undefined) => Response;

export const STORAGE = 'https://storage.vidgo.test';
/** The storage host "resolves" to a public address: no DNS needed, and the private-network rule passes. */
export const publicDns = async (): Promise<string[]> => ['93.184.215.14'];

/** `size` bytes, the same for the same size, so a saved file can be compared. */
export function bytesOf(size: number): Uint8Array {
  return new Uint8Array(size).map((_, index) => (index * 7) % 251);
}

/**
 * A body of `bytes` in chunks; `ending: 'error'` breaks the connection after the first chunk, `'stall'` waits for
 * the abort.
 */
export function chunked(
  bytes: Uint8Array,
  { ending, signal }: { ending?: 'error' | 'stall'; signal?: AbortSignal | null } = {},
): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset > 0 && ending === 'error') return controller.error(new TypeError('terminated'));
      if (offset > 0 && ending === 'stall') {
        return new Promise<void>((resolve) =>
          signal?.addEventListener('abort', () => {
            controller.error(signal.reason);
            resolve();
          }),
        );
      }
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
}

export const file =
  (size: number, headers: Record<string, string> = {}): StorageAnswer =>
  () =>
    new Response(chunked(bytesOf(size)), { headers: { 'content-length': String(size), ...headers } });

/** A `fetch` over `answers` (by path); anything else is a 404. `requests` lists every URL asked for. */
export function fakeStorage(answers: Record<string, StorageAnswer>) {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push(url.href);
    init?.signal?.throwIfAborted();
    const answer = answers[url.pathname];
    return answer ? answer(init) : new Response('Not Found', { status: 404, statusText: 'Not Found' });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

export const finishedTask = (...urls: string[]) => ({
  task_id: 'task-unified-1757165031-conform',
  status: 'finished' as const,
  files: urls.map((file_url) => ({ file_url, file_type: file_url.endsWith('.mp4') ? 'video' : 'image' })),
});
