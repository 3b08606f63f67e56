// What the Workers smoke test needs around wrangler dev: a free port, its readiness, an SSE frame.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

export async function waitForServer(origin, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}`);
    try {
      await fetch(origin, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  throw new Error(`wrangler dev did not answer within 60 s\n${log()}`);
}

export async function readFirstEvent(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
      // Only whole frames (ended by a blank line): a chunk may stop in the middle of one.
      const frame = text
        .split('\n\n')
        .slice(0, -1)
        .find((candidate) => candidate.includes('event: task'));
      if (frame) return frame;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
