import { expect } from 'vitest';

/**
 * What every entrypoint (Node, Deno, Bun, Workers) must do over real HTTP, with its embedded simulator
 * and default settings: the same checks, whichever runtime serves. The task is read as a page
 * would, with the per-task token the demo's backend route hands over; where requests from this
 * machine are served without one (Node, Deno, Bun), a request without it works too.
 */
export async function checkProxyOverHttp(baseUrl: string, { loopbackOpen }: { loopbackOpen: boolean }): Promise<void> {
  const fetch = globalThis.fetch;
  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);

  const page = await fetch(`${baseUrl}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(await page.text()).toMatch(/simulat/i);

  const created = await fetch(`${baseUrl}/demo/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"kind":"image"}',
  });
  expect(created.status).toBe(201);
  const { task_id: taskId, token } = (await created.json()) as { task_id: string; token: string };
  const bearer = { authorization: `Bearer ${token}` };

  const bare = await fetch(`${baseUrl}/api/generate/status/${encodeURIComponent(taskId)}`);
  expect(bare.status).toBe(loopbackOpen ? 200 : 401);
  const status = await fetch(`${baseUrl}/api/generate/status/${encodeURIComponent(taskId)}`, { headers: bearer });
  expect(status.status).toBe(200);
  const body = (await status.json()) as { code: number; data: { task_id: string; status: string } };
  expect(body.code).toBe(200);
  expect(body.data.task_id).toBe(taskId);

  // The token opens its own task only.
  expect((await fetch(`${baseUrl}/api/generate/status/task-unified-0-none`, { headers: bearer })).status).toBe(403);
  if (loopbackOpen) {
    const missing = await fetch(`${baseUrl}/api/generate/status/task-unified-0-none`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Task not found' });
  }

  const invalid = await fetch(`${baseUrl}/api/generate/status/%20%0A`, { headers: bearer });
  expect(invalid.status).toBe(400);

  // The stream: the first event comes at once (where the task stands), with an id to resume from.
  const controller = new AbortController();
  // As EventSource sends it: the token in the query, no header.
  const events = await fetch(`${baseUrl}/api/generate/status/${encodeURIComponent(taskId)}/events?token=${token}`, {
    signal: controller.signal,
  });
  expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/event: task\ndata: .+\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  expect(text).toMatch(/id: \S+\nevent: task\ndata: \{"task_id":/);
  controller.abort();
  await reader.cancel().catch(() => {});
}
