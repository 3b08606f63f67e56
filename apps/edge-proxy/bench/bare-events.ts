// What the bare servers (bare-http-process.ts on Node, bare-web-process.ts on Deno and Bun) send:
// the head of an SSE response, a `running` event on subscribing, and the terminal event.

const encoder = new TextEncoder();
// The size of the proxy's terminal event for a finished image (a file with its URLs), give or take.
const task = {
  task_id: 'bare-http',
  status: 'finished',
  progress: 100,
  files: [{ file_url: `https://files.example.com/${'x'.repeat(180)}.png`, file_type: 'image' }],
};
export const SSE_HEAD = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
};
export const RUNNING = encoder.encode(
  `id: 1\nevent: task\ndata: ${JSON.stringify({ ...task, status: 'running', progress: 50, files: [] })}\n\n`,
);
export const FINISHED = encoder.encode(`id: 2\nevent: task\ndata: ${JSON.stringify(task)}\n\n`);
