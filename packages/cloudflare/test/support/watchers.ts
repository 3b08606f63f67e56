import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { VidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';
import type { TaskWatcherSnapshot } from '../../src/task-watcher.ts';

/** The TaskWatcher of a task, addressed as the README says: by name. */
export const watcherOf = (taskId: string) => env.TASK_WATCHER.get(env.TASK_WATCHER.idFromName(taskId));

export async function snapshot(stub: DurableObjectStub): Promise<TaskWatcherSnapshot> {
  return (await stub.fetch('https://watcher/state')).json();
}

/** Upstream polls of one task so far. */
export const pollsOf = (simulator: VidgoSimulator<VirtualClock>, taskId: string) =>
  simulator.requests.filter((request) => request.taskId === taskId).length;

/** Waits (real time) until `check` holds: for what the runtime does after a response, such as a close. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The keys in a watcher's storage: none once a watch has stopped. */
export const storedKeys = (stub: DurableObjectStub) =>
  runInDurableObject(stub, async (_instance, state) => [...(await state.storage.list()).keys()]);

/** A viewer's request answered without a stream: `[status, Retry-After, body]`. */
export async function refusal(
  target: { fetch(input: string, init?: RequestInit): Promise<Response> },
  path: string,
  headers: Record<string, string> = {},
) {
  const response = await target.fetch(`https://watcher${path}`, { headers });
  return [response.status, response.headers.get('retry-after'), await response.json()] as const;
}
