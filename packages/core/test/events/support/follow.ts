import { VirtualClock } from '@vidgo-sdk/testing';
import { watchTaskEvents, type WatchTaskEventsOptions } from '../../../src/index.ts';
import { type ScriptedAnswer, scriptedProxy } from './scripted-proxy.ts';

export const PROXY = 'https://proxy.example';
export const TOKEN = 'tok.en-secret-123';

/** Follows task-1 through the scripted answers on virtual time; what was yielded, or what was thrown. */
export async function follow(answers: ScriptedAnswer[], options: WatchTaskEventsOptions = {}) {
  const clock = new VirtualClock();
  const proxy = scriptedProxy(clock, answers);
  const start = clock.now();
  const tasks: string[] = [];
  let error: unknown;
  try {
    await clock.run(
      (async () => {
        const events = watchTaskEvents(PROXY, 'task-1', { fetch: proxy.fetch, clock, random: () => 0.5, ...options });
        for await (const task of events) tasks.push(`${task.status} ${task.progress}`);
      })(),
    );
  } catch (caught) {
    error = caught;
  }
  const times = proxy.requests.map((request) => request.at - start);
  return { tasks, error, times, proxy, clock };
}
