// The example Worker in workerd, as a browser or a backend uses it, against a simulated Vidgo.
import type { Task } from '@vidgo-sdk/cloudflare';
import { exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { readEvents } from './read-events.ts';

const worker = exports.default;
const origin = 'https://example.workers.dev';

async function submit(prompt: unknown): Promise<Response> {
  return worker.fetch(`${origin}/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt }),
  });
}

describe('examples/cloudflare-worker', () => {
  it('submits a prompt; every viewer of its events follows the task to finished; the task is then served', async () => {
    const submitted = await submit('a red fox in the snow');
    expect(submitted.status).toBe(202);
    const { task_id, events } = await submitted.json<{ task_id: string; events: string }>();
    expect(events).toBe(`/tasks/${task_id}/events`);

    // Two viewers of one task: one TaskWatcher polls for both.
    const streams = await Promise.all([worker.fetch(`${origin}${events}`), worker.fetch(`${origin}${events}`)]);
    for (const stream of streams) expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    for (const received of await Promise.all(streams.map(readEvents))) {
      expect(received.map(({ event }) => event)).toEqual(received.map(() => 'task'));
      const tasks = received.map(({ data }) => data as Task);
      expect(tasks[0]).toMatchObject({ task_id, status: 'running' });
      expect(tasks.at(-1)).toMatchObject({ task_id, status: 'finished', progress: 100 });
      expect(tasks.at(-1)!.files).toEqual([
        { file_url: expect.stringMatching(/\/generated\/image-\d+\.png$/), file_type: 'image' },
      ]);
    }

    const status = await worker.fetch(`${origin}/tasks/${task_id}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ task_id, status: 'finished', files: [{ file_type: 'image' }] });
  });

  it('answers bad requests with a status and a JSON detail, never the key', async () => {
    const answers = await Promise.all([
      submit(''),
      worker.fetch(`${origin}/generate`, { method: 'POST', body: 'not json' }),
      worker.fetch(`${origin}/tasks/task-unified-1757165031-nosuchid`),
      worker.fetch(`${origin}/tasks/task-unified-1757165031-nosuchid/events`),
      worker.fetch(`${origin}/tasks/%E0%A4%A/events`),
      worker.fetch(`${origin}/tasks/%20`),
      worker.fetch(`${origin}/elsewhere`),
    ]);
    const bodies = await Promise.all(answers.map(async (answer) => [answer.status, await answer.text()] as const));

    expect(bodies.map(([status]) => status)).toEqual([400, 400, 404, 404, 400, 400, 404]);
    for (const [, body] of bodies) {
      expect(JSON.parse(body)).toHaveProperty('detail');
      expect(body).not.toContain(inject('simulatedVidgo').apiKey);
    }
  });
});
