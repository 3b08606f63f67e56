// Runs in Node before the workerd projects start: a simulator HTTP server on 127.0.0.1 for the
// conformance suite's real-server checks (miniflare lets workerd reach private addresses).
// By path: a global setup is loaded without the project's `@vidgo-sdk/source` condition, and the
// package's build may not exist (a fresh clone).
import { createVidgoSimulator, realClock } from '../../testing/src/index.ts';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    vidgoServer: { url: string; apiKey: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const apiKey = 'vk_conformance_workerd_server';
  const server = await createVidgoSimulator({
    clock: realClock,
    apiKeys: [apiKey],
    submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
  }).listen();
  project.provide('vidgoServer', { url: server.url, apiKey });
  return () => server.close();
}
