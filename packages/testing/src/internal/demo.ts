import { createVidgoSimulator } from '../create-vidgo-simulator.ts';
import type { SimulatorServer, VidgoSimulator } from '../simulator-types.ts';
import { realClock } from '../virtual-clock.ts';

export const DEMO_KEY = 'demo-key';

export interface DemoOptions {
  port: number;
  host: string;
}

export type DemoArguments = { ok: true; options: DemoOptions } | { ok: false; help: boolean; message: string };

export const USAGE = `Usage: vidgo-simulator [--port <port>] [--host <host>]

Runs the simulated Vidgo API on real time (API key: ${DEMO_KEY}).
Environment: PORT and HOST set the defaults (8787, 127.0.0.1).`;

/** Reads `--port`/`--host` (also as `--port=…`), falling back to PORT/HOST, then 8787 on 127.0.0.1. */
export function parseDemoArguments(argv: readonly string[], env: Record<string, string | undefined>): DemoArguments {
  let port = env.PORT ?? '8787';
  let host = env.HOST ?? '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') return { ok: false, help: true, message: USAGE };
    if (flag !== '--port' && flag !== '--host')
      return { ok: false, help: false, message: `unknown argument ${flag}\n\n${USAGE}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { ok: false, help: false, message: `${flag} needs a value` };
    if (flag === '--port') port = value;
    else host = value;
  }
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    return {
      ok: false,
      help: false,
      message: `invalid port ${JSON.stringify(port)}: expected an integer from 0 to 65535`,
    };
  }
  return { ok: true, options: { port: portNumber, host } };
}

export interface Demo {
  simulator: VidgoSimulator;
  server: SimulatorServer;
  /** What to print: the URL, the tasks, and curl commands to paste. */
  banner: string;
  stop(): Promise<void>;
}

/** Starts the simulator on real time with one image task finishing soon and one video task. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const simulator = createVidgoSimulator({ clock: realClock, apiKeys: [DEMO_KEY] });
  const server = await simulator.listen(options);
  const image = simulator.createTask({ model: 'gpt-image-2', queuedMs: 1000, durationMs: 10_000 });
  const video = simulator.createTask({ model: 'sora-2', queuedMs: 2000, durationMs: 120_000 });
  const auth = `-H 'Authorization: Bearer ${DEMO_KEY}'`;
  const submitBody = '{"model":"gpt-image-2","input":{"prompt":"a red fox in the snow"}}';
  const banner = [
    `Vidgo simulator listening on ${server.url} (API key: ${DEMO_KEY}, real time)`,
    '',
    `  image task ${image}  finishes in about 11 s`,
    `  video task ${video}  finishes in about 2 min`,
    '',
    'Try:',
    `  curl -s ${auth} ${server.url}/api/generate/status/${image}`,
    `  curl -s ${auth} ${server.url}/api/generate/status/${video}`,
    `  curl -s ${auth} -H 'Content-Type: application/json' -d '${submitBody}' ${server.url}/api/generate/submit`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
  return {
    simulator,
    server,
    banner,
    stop: async () => {
      // Cancels pending callback timers too, which would otherwise keep the process alive.
      simulator.reset();
      await server.close();
    },
  };
}
