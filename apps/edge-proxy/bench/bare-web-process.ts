// A child of bench/proxy.ts on Deno or Bun: the fan-out with nothing of the proxy, a bare
// Deno.serve or Bun.serve server that holds SSE responses open (web streams, as each runtime
// serves them) and ends them all with one event, as the proxy's hub does: the floor that the
// runtime's own HTTP layer and the machine's sockets set for the proxy on that runtime.
import type { BareFanOut, BareHttpInfo } from './bare-http-process.ts';
import { answerParent } from './bench-child.ts';
import { FINISHED, RUNNING, SSE_HEAD } from './bare-events.ts';

// The slices of Deno's and Bun's servers this file uses, so it type-checks without their types.
type Handler = (request: Request) => Response;
interface Runtimes {
  Deno?: {
    serve(
      options: { hostname: string; port: number; onListen(address: { port: number }): void },
      handler: Handler,
    ): { shutdown(): Promise<void> };
  };
  Bun?: {
    serve(options: { hostname: string; port: number; idleTimeout: number; fetch: Handler }): {
      port: number;
      stop(closeActiveConnections: boolean): Promise<void>;
    };
  };
}

const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
const handler: Handler = () => {
  let held: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      held = controller;
      controller.enqueue(RUNNING);
      open.add(controller);
    },
    cancel() {
      open.delete(held);
    },
  });
  return new Response(stream, { headers: SSE_HEAD });
};

const { Deno, Bun } = globalThis as Runtimes;
let served: { port: number; close(): Promise<void> };
if (Bun) {
  // No idle timeout: the streams wait in silence for their one event, as the proxy's are exempt.
  const server = Bun.serve({ hostname: '127.0.0.1', port: 0, idleTimeout: 0, fetch: handler });
  served = { port: server.port, close: () => server.stop(true) };
} else if (Deno) {
  let server: { shutdown(): Promise<void> } | undefined;
  const port = await new Promise<number>((resolve) => {
    server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => resolve(port) }, handler);
  });
  served = { port, close: () => server!.shutdown() };
} else {
  throw new Error('bare-web-process.ts runs on Deno or Bun; Node has bare-http-process.ts');
}

answerParent(
  {
    url: `http://127.0.0.1:${served.port}`,
    runtime: Bun ? `Bun ${process.versions.bun}` : `Deno ${process.versions.deno}`,
  } satisfies BareHttpInfo,
  {
    open: () => open.size,
    endAll: (): BareFanOut => {
      const controllers = [...open];
      open.clear();
      const at = Date.now();
      for (const controller of controllers) {
        controller.enqueue(FINISHED);
        controller.close();
      }
      return { at, loopMs: Date.now() - at };
    },
  },
  () => served.close(),
);
