import { createVidgoSimulator, realClock, type VidgoSimulator } from '@vidgo-sdk/testing';

export type DemoKind = 'image' | 'video';

export interface EmbeddedUpstream {
  simulator: VidgoSimulator;
  apiKey: string;
  fetch: typeof fetch;
  baseUrl: string;
  /** A simulated task for the demo page: short enough to watch, long enough to see progress. */
  createTask(kind: DemoKind): string;
}

const EMBEDDED_KEY = 'embedded-simulator-key';

/**
 * The Vidgo the proxy serves when it has no VIDGO_API_KEY: the simulator, in process, on real
 * time. Nothing leaves the machine and no credits are spent.
 */
export function embeddedUpstream(): EmbeddedUpstream {
  const simulator = createVidgoSimulator({ clock: realClock, apiKeys: [EMBEDDED_KEY], seed: Date.now() % 2 ** 31 });
  return {
    simulator,
    apiKey: EMBEDDED_KEY,
    fetch: simulator.fetch as typeof fetch,
    baseUrl: simulator.baseUrl,
    createTask: (kind) =>
      simulator.createTask({
        apiKey: EMBEDDED_KEY,
        model: kind === 'video' ? 'sora-2' : 'gpt-image-2',
        queuedMs: 800,
        durationMs: kind === 'video' ? 16_000 : 7000,
        progress: 'linear',
      }),
  };
}
