import { describe, expect, it } from 'vitest';
import { createLog } from '../../src/logger.ts';
import { settingsFailureLine } from '../../src/ops/settings-failure.ts';
import { proxyHarness, readEvents, UPSTREAM_KEY } from '../support/proxy-harness.ts';

const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function jsonLog(secrets: string[]) {
  const lines: string[] = [];
  const log = createLog(secrets, (line) => lines.push(line), { format: 'json', now: () => at });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('LOG_FORMAT=json', () => {
  it('writes one object per line: time, level, msg, then the fields', () => {
    const { log, lines, parsed } = jsonLog([]);
    log('warn', 'callback re-check failed', { taskCount: 2, retrying: false, reason: 'a "quoted"\nreason' });
    log('info', 'listening');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(parsed()).toEqual([
      {
        time: '2026-01-02T03:04:05.678Z',
        level: 'warn',
        msg: 'callback re-check failed',
        taskCount: 2,
        retrying: false,
        reason: 'a "quoted"\nreason',
      },
      { time: '2026-01-02T03:04:05.678Z', level: 'info', msg: 'listening' },
    ]);
  });

  it('a field cannot pass itself off as the time, level or message', () => {
    const { log, parsed } = jsonLog([]);
    log('info', 'real', { time: 'forged', level: 'error', msg: 'forged' });
    expect(parsed()).toEqual([{ time: '2026-01-02T03:04:05.678Z', level: 'info', msg: 'real' }]);
  });

  it('never holds a secret, in the message, a field, or escaped by JSON', () => {
    const plain = 'proxy-token-plain-0123456789';
    const quoted = 'tok"with\\escapes-0123456789';
    const { log, lines } = jsonLog([plain, quoted]);
    log('error', `upstream said ${plain}`, { header: `Bearer ${quoted}`, [plain]: 1 });
    // Already escaped in what was logged (headers logged as JSON): the raw form is not there to find.
    log('warn', `request headers ${JSON.stringify({ authorization: quoted })}`);
    // Neither in the lines, nor in what a log pipeline reads out of them.
    const text = [...lines, ...lines.map((line) => Object.values(JSON.parse(line)).join('\n'))].join('\n');
    for (const secret of [plain, quoted, JSON.stringify(quoted).slice(1, -1)]) expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'upstream said [redacted]', header: 'Bearer [redacted]' });
  });

  it('text stays as it was for people', () => {
    const lines: string[] = [];
    createLog(['s3cret-0123456789abcdef'], (line) => lines.push(line))('info', 'key s3cret-0123456789abcdef', {
      signal: 'SIGTERM',
      ms: 3,
    });
    expect(lines).toEqual(['[edge-proxy] info: key [redacted] signal="SIGTERM" ms=3']);
  });

  it('a proxy under faults and forged credentials logs only JSON lines, none with a secret', async () => {
    const secrets = {
      PROXY_TOKEN: 'proxy-token-json-logs-7f3a9c1e5b',
      TASK_TOKEN_SECRET: 'task-token-secret-json-logs-0d8e6b4a2c9f7e',
      CALLBACK_SECRET: 'cb_secret_json_logs_0123456789',
    };
    const { simulator, request, run, logs } = proxyHarness({ LOG_FORMAT: 'json', ...secrets });
    const id = simulator.createTask();
    const bearer = { authorization: `Bearer ${secrets.PROXY_TOKEN}` };
    // Vidgo refuses the key and echoes it; an answer names another task; a callback comes in.
    simulator.inject({ type: 'status', status: 401, message: `bad key ${UPSTREAM_KEY}`, times: 1 });
    await run(request(`/api/generate/status/${id}`, { headers: bearer }));
    simulator.inject({ type: 'status', status: 500, message: `oops ${UPSTREAM_KEY}`, times: Infinity });
    await run(request(`/api/generate/status/${id}/events`, { headers: bearer })).then((response) =>
      run(readEvents(response)),
    );
    await run(
      request(`/callbacks/vidgo/${secrets.CALLBACK_SECRET}`, {
        method: 'POST',
        body: JSON.stringify({ task_id: id, status: 'finished' }),
      }),
    );
    expect(logs.length).toBeGreaterThanOrEqual(2);
    // The echoed key reached a log line, and was taken out of it.
    expect(logs.some((line) => line.includes('[redacted]'))).toBe(true);
    for (const line of logs) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(entry).slice(0, 3)).toEqual(['time', 'level', 'msg']);
      for (const secret of [UPSTREAM_KEY, ...Object.values(secrets)]) expect(line).not.toContain(secret);
    }
  });

  it('a setting that stops the start is a JSON line too, when LOG_FORMAT asks for it', () => {
    expect(settingsFailureLine(undefined, 'PORT must be a port number')).toBe('edge-proxy: PORT must be a port number');
    expect(JSON.parse(settingsFailureLine(' JSON ', 'PORT must be a port number', at))).toEqual({
      time: '2026-01-02T03:04:05.678Z',
      level: 'error',
      msg: 'PORT must be a port number',
    });
  });
});
