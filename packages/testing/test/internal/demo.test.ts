import { describe, expect, it } from 'vitest';
import { DEMO_KEY, parseDemoArguments, startDemo } from '../../src/internal/demo.ts';

describe('the demo CLI', () => {
  it('reads --port/--host, then PORT/HOST, then 8787 on 127.0.0.1', () => {
    expect(parseDemoArguments([], {})).toEqual({ ok: true, options: { port: 8787, host: '127.0.0.1' } });
    expect(parseDemoArguments([], { PORT: '9000', HOST: '0.0.0.0' })).toEqual({
      ok: true,
      options: { port: 9000, host: '0.0.0.0' },
    });
    expect(parseDemoArguments(['--port', '1234', '--host=::1'], { PORT: '9000' })).toEqual({
      ok: true,
      options: { port: 1234, host: '::1' },
    });
    expect(parseDemoArguments(['--port=0'], {})).toEqual({ ok: true, options: { port: 0, host: '127.0.0.1' } });
  });

  it('rejects bad arguments with a message, and answers --help', () => {
    expect(parseDemoArguments(['--port', 'x'], {})).toMatchObject({
      ok: false,
      help: false,
      message: expect.stringMatching(/invalid port/),
    });
    expect(parseDemoArguments(['--port'], {})).toMatchObject({ ok: false, message: '--port needs a value' });
    expect(parseDemoArguments(['--verbose'], {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unknown argument --verbose/),
    });
    expect(parseDemoArguments(['--help'], {})).toMatchObject({
      ok: false,
      help: true,
      message: expect.stringMatching(/^Usage/),
    });
  });

  it('serves two tasks and prints curl commands that work', async () => {
    const demo = await startDemo({ port: 0, host: '127.0.0.1' });
    try {
      const { banner, server } = demo;
      expect(banner).toContain(`listening on ${server.url}`);
      const commands = banner.split('\n').filter((line) => line.trim().startsWith('curl'));
      expect(commands).toHaveLength(3);
      for (const command of commands) expect(command).toContain(`-H 'Authorization: Bearer ${DEMO_KEY}'`);
      const statusUrl = /(http:\/\/\S+\/api\/generate\/status\/\S+)/.exec(commands[0] ?? '')?.[1] ?? '';
      const response = await fetch(statusUrl, { headers: { authorization: `Bearer ${DEMO_KEY}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { status: string } }).data.status).toBe('not_started');
    } finally {
      await demo.stop();
    }
  });
});
