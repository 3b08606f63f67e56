// A child of bench/proxy.ts on Deno: the proxy as entry/deno.ts serves it (Deno.serve, streams as
// web streams), reaching the simulator over real HTTP.
import { answerAsProxy, buildBenchProxy } from './proxy-probe.ts';

// The slice of the Deno namespace this file uses, so it type-checks without Deno's types.
declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (
      request: Request,
      info: { remoteAddr: { hostname: string }; completed: Promise<void> },
    ) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
};

const proxy = await buildBenchProxy({
  clientAddress: (_request, env) => (env as { remoteAddr?: { hostname: string } } | undefined)?.remoteAddr?.hostname,
});
// Requests not yet answered in full (an open event stream among them): Deno counts no connections.
// Counted until the fan-out measured begins (the warm-up's watchers must have left), not during
// it: a promise reaction per stream at its end is not work of the proxy's.
let open = 0;
let counting = true;
let listening: (port: number) => void;
const port = new Promise<number>((resolve) => {
  listening = resolve;
});
const server = Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => listening(port) },
  (request, info) => {
    if (counting) {
      open++;
      void info.completed.finally(() => open--);
    }
    return proxy.app.fetch(request, { remoteAddr: info.remoteAddr });
  },
);

answerAsProxy(proxy, {
  url: `http://127.0.0.1:${await port}`,
  connections: () => open,
  traced: (on) => {
    counting = !on;
  },
  close: () => server.shutdown(),
});
