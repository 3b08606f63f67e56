// Runs in Node before workerd starts: the simulated Vidgo the Worker's bindings point at.
import type { TestProject } from 'vitest/node';
import { startSimulatedVidgo } from '@vidgo-sdk/example-harness';

declare module 'vitest' {
  export interface ProvidedContext {
    simulatedVidgo: { baseUrl: string; apiKey: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const vidgo = await startSimulatedVidgo();
  project.provide('simulatedVidgo', { baseUrl: vidgo.baseUrl, apiKey: vidgo.apiKey });
  return () => vidgo.close();
}
