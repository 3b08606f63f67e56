import { createVidgoSimulator, realClock, type VidgoSimulator } from '@vidgo-sdk/testing';
import { demoFiles } from './demo/demo-media.ts';

/** What the demo page can create: a simulated image or video, or a task that fails. */
export type DemoKind = 'image' | 'video' | 'failure';
export const DEMO_KINDS: readonly DemoKind[] = ['image', 'video', 'failure'];

/** What a failing demo task says, as Vidgo's `error_message`. */
export const DEMO_FAILURE_MESSAGE = 'Simulated failure: the prompt violates our content policy';

export interface EmbeddedUpstream {
  simulator: VidgoSimulator;
  apiKey: string;
  fetch: typeof fetch;
  baseUrl: string;
  /**
   * A simulated task for the demo page: short enough to watch, long enough to see progress. Its
   * files are served by the proxy at `origin` (the page's own), so they render offline.
   */
  createTask(kind: DemoKind, origin: string): string;
}

const EMBEDDED_KEY = 'embedded-simulator-key';

/** An id shaped like Vidgo's (`task-unified-1757165031-uyujaw3d`), chosen here so the files can name it. */
function newTaskId(now: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => alphabet[byte % alphabet.length]).join(
    '',
  );
  return `task-unified-${Math.floor(now / 1000)}-${suffix}`;
}

// How long demo tasks run: long enough to see the bar move (the watch loop polls at once, then
// about 7.5 s in), short enough not to bore. The finish is not left to the schedule, which expects
// no image before 15 s: the simulator posts Vidgo's callback, and the proxy re-reads at once.

/**
 * The Vidgo the proxy serves when it has no VIDGO_API_KEY: the simulator, in process, on real
 * time. Nothing leaves the machine and no credits are spent.
 */
export interface EmbeddedOptions {
  /** Where the simulator posts its callbacks, e.g. the proxy's own callback route with its secret. */
  callbackUrl?: (origin: string) => string;
  /** How they get there: the proxy's app in process, no socket needed. */
  deliverCallback?: (request: Request) => Response | Promise<Response>;
}

export function embeddedUpstream({ callbackUrl, deliverCallback }: EmbeddedOptions = {}): EmbeddedUpstream {
  const simulator = createVidgoSimulator({
    clock: realClock,
    apiKeys: [EMBEDDED_KEY],
    seed: Date.now() % 2 ** 31,
    callbackShape: 'flat',
    ...(deliverCallback
      ? {
          callbackFetch: async (input: RequestInfo | URL, init?: RequestInit) =>
            deliverCallback(new Request(input, init)),
        }
      : {}),
  });
  return {
    simulator,
    apiKey: EMBEDDED_KEY,
    fetch: simulator.fetch as typeof fetch,
    baseUrl: simulator.baseUrl,
    createTask: (kind, origin) => {
      let id = newTaskId(realClock.now());
      while (simulator.getTask(id)) id = newTaskId(realClock.now());
      const common = {
        id,
        apiKey: EMBEDDED_KEY,
        queuedMs: 800,
        progress: 'linear',
        ...(callbackUrl ? { callbackUrl: callbackUrl(origin) } : {}),
      } as const;
      if (kind === 'failure') {
        return simulator.createTask({
          ...common,
          model: 'gpt-image-2',
          durationMs: 4000,
          outcome: 'failed',
          errorMessage: DEMO_FAILURE_MESSAGE,
        });
      }
      return simulator.createTask({
        ...common,
        model: kind === 'video' ? 'sora-2' : 'gpt-image-2',
        durationMs: kind === 'video' ? 16_000 : 8000,
        files: demoFiles(kind, origin, id),
      });
    },
  };
}
