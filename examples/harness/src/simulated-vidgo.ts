import { type Clock, createVidgoSimulator, realClock, type SimulatorServer } from '@vidgo-sdk/testing';
import { type FileStorage, startFileStorage } from './file-storage.ts';

// Vidgo's clock runs 40 s behind this machine's, so each task's `created_time` says it was created
// 40 s before the example saw it. The client's schedule polls a task whose progress it cannot yet
// read no sooner than the shortest typical duration after its creation (15 s for an image); aged
// this way, it polls every 2 s (its minimum), and a test takes seconds instead of 15 s.
const LAG_MS = 40_000;
const laggingClock: Clock = { ...realClock, now: () => Date.now() - LAG_MS };

export interface SimulatedVidgoOptions {
  /** How long each submitted task runs, in real milliseconds (linear progress). Default 3000. */
  durationMs?: number;
  /** How each task ends, or a function of its prompt. Default `'finished'`. */
  outcome?: 'finished' | 'failed' | ((prompt: string) => 'finished' | 'failed');
  errorMessage?: string;
}

export interface SimulatedVidgo {
  /** What an example reads from `VIDGO_BASE_URL`. */
  baseUrl: string;
  /** What an example reads from `VIDGO_API_KEY`; no output may ever contain it. */
  apiKey: string;
  /** The bytes of the file every finished task offers, by its name in the file URL. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Every prompt submitted, in order. */
  prompts: string[];
  close(): Promise<void>;
}

/**
 * A simulated Vidgo on 127.0.0.1 in real time, for an example run as its own process: every submit
 * creates a task that runs `durationMs`, then finishes with one image served by a local storage.
 * Downloading it takes `VIDGO_ALLOW_LOCAL_FILES=1` (http on a loopback address).
 */
export async function startSimulatedVidgo(options: SimulatedVidgoOptions = {}): Promise<SimulatedVidgo> {
  const apiKey = 'vk_example_secret_4f9c2d7e1b';
  const prompts: string[] = [];
  const files = new Map<string, Uint8Array>();
  let storage: FileStorage | undefined;
  let server: SimulatorServer | undefined;
  try {
    storage = await startFileStorage(files);
    const storageUrl = storage.url;
    const simulator = createVidgoSimulator({
      clock: laggingClock,
      apiKeys: [apiKey],
      submitScript: (body) => {
        prompts.push(body.input.prompt);
        const name = `image-${prompts.length}.png`;
        files.set(name, new TextEncoder().encode(`pixels of "${body.input.prompt}"`));
        return {
          queuedMs: 0,
          durationMs: options.durationMs ?? 3000,
          progress: 'linear',
          outcome: typeof options.outcome === 'function' ? options.outcome(body.input.prompt) : options.outcome,
          ...(options.errorMessage ? { errorMessage: options.errorMessage } : {}),
          files: [{ file_url: `${storageUrl}/generated/${name}`, file_type: 'image' }],
        };
      },
    });
    server = await simulator.listen();
  } catch (error) {
    await storage?.close();
    throw error;
  }
  const listening = server;
  const serving = storage;
  return {
    baseUrl: listening.url,
    apiKey,
    files,
    prompts,
    close: async () => {
      await Promise.all([listening.close(), serving.close()]);
    },
  };
}
