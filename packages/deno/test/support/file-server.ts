// A tiny file host on 127.0.0.1 for the download tests. What it answers comes from the query:
// `size` (bytes, default 100 000), `type` (Content-Type), `status` (an HTTP error instead),
// `mode=stall` (64 KiB, then nothing until the client leaves), `mode=drop` (100 bytes, then the
// connection breaks). The body is `byteAt(i)` for i = 0, 1, 2…

export const byteAt = (index: number) => index % 251;

export function expectedBytes(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, index) => byteAt(index));
}

export interface FileServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Paths requested, in order. */
  requests: string[];
  /** How many responses the client gave up on (their stream was cancelled). */
  readonly cancelled: number;
  close(): Promise<void>;
}

export function startFileServer(): FileServer {
  const requests: string[] = [];
  let cancelled = 0;
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    requests.push(url.pathname);
    const status = Number(url.searchParams.get('status') ?? 200);
    if (status !== 200) return new Response(`error ${status}`, { status });
    const mode = url.searchParams.get('mode');
    const size = mode === 'stall' ? 1_000_000 : Number(url.searchParams.get('size') ?? 100_000);
    const headers = new Headers({ 'content-length': String(size) });
    const type = url.searchParams.get('type');
    if (type) headers.set('content-type', type);
    return new Response(
      body(size, mode, () => cancelled++),
      { headers },
    );
  });
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    requests,
    get cancelled() {
      return cancelled;
    },
    close: () => server.shutdown(),
  };
}

function body(size: number, mode: string | null, onCancel: () => void): ReadableStream<Uint8Array> {
  const chunkSize = 16_384;
  let sent = 0;
  let release: (() => void) | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (mode === 'stall' && sent >= 65_536) {
        await new Promise<void>((resolve) => (release = resolve)); // until cancel()
        return;
      }
      if (mode === 'drop' && sent >= 100) {
        controller.close(); // short of Content-Length: the server has to cut the connection
        return;
      }
      const length = Math.min(mode === 'drop' ? 100 : chunkSize, size - sent);
      controller.enqueue(Uint8Array.from({ length }, (_, offset) => byteAt(sent + offset)));
      sent += length;
      if (sent >= size) controller.close();
    },
    cancel() {
      onCancel();
      release?.();
    },
  });
}
