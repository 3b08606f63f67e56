import { describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError } from '../../src/index.ts';
import type { Task } from '../../src/types.ts';
import { pollStep } from '../../src/wait/poll-step.ts';
import { TaskFailedError, WaitTimeoutError } from '../../src/wait/wait-errors.ts';
import type { WaitState } from '../../src/wait/wait-state.ts';

/** What a transport error carries, for an answer of `status` with no body. */
const apiError = (status: number) => ({ status, body: undefined, rawBody: '', headers: {} });

const T0 = Date.parse('2026-03-01T12:00:00Z');
const fresh = (): WaitState => ({
  taskId: 't',
  startedAt: T0,
  deadline: T0 + 600_000,
  attempts: 0,
  failures: 0,
  expected: [15_000, 60_000],
});
const task = (fields: Partial<Task> = {}): Task => ({
  task_id: 't',
  status: 'running',
  files: [],
  progress: 0,
  created_time: '2026-03-01T12:00:00',
  ...fields,
});

describe('pollStep', () => {
  it('polls at once when due, and times out when the deadline has passed, without a request', () => {
    expect(pollStep(fresh(), { due: true }, T0).action).toEqual({ type: 'sleep', ms: 0 });
    const late = pollStep(fresh(), { due: true, lastTask: task() }, T0 + 600_000).action;
    expect(late).toMatchObject({
      type: 'timeout',
      error: { name: 'WaitTimeoutError', lastTask: { status: 'running' } },
    });
  });

  it('takes a poll into a new state, reports a change once, and leaves the given state alone', () => {
    const state = fresh();
    const first = pollStep(state, { task: task() }, T0 + 1000);
    expect(state).toEqual(fresh());
    expect(first.changed).toMatchObject({ status: 'running' });
    expect(first.state).toMatchObject({ attempts: 1, failures: 0, status: 'running', progress: 0, createdAt: T0 });
    expect(first.action).toEqual({ type: 'sleep', ms: 14_000 });
    expect(pollStep(first.state, { task: task() }, T0 + 15_000).changed).toBeUndefined();
  });

  it('keeps to the clamps, and Retry-After wins over the ceiling', () => {
    const options = { minIntervalMs: 3000, maxIntervalMs: 5000 };
    expect(pollStep(fresh(), { task: task() }, T0, options).action).toEqual({ type: 'sleep', ms: 5000 });
    expect(pollStep(fresh(), { task: task({ progress: 0 }) }, T0 + 30_000, options).action).toEqual({
      type: 'sleep',
      ms: 3000,
    });
    const throttled = new RateLimitError('slow down', { ...apiError(429), operation: 'getTask', retryAfterMs: 30_000 });
    expect(pollStep(fresh(), { error: throttled }, T0, options).action).toMatchObject({
      type: 'sleep',
      ms: 30_000,
      retry: throttled,
    });
  });

  it('backs off exponentially through failures and unknown statuses, and resets on a known one', () => {
    let state = fresh();
    const delays: number[] = [];
    for (const outcome of [
      { error: new InternalServerError('x', apiError(503)) },
      { task: task({ status: 'upscaling' }) },
      { error: new InternalServerError('x', apiError(500)) },
    ]) {
      const step = pollStep(state, outcome, T0);
      state = step.state;
      delays.push((step.action as { ms: number }).ms);
    }
    expect(delays).toEqual([2000, 4000, 8000]);
    expect(pollStep(state, { task: task() }, T0).state.failures).toBe(0);
  });

  it('fails on a failed task, on an error waiting cannot fix, and on a Retry-After past the deadline', () => {
    expect(pollStep(fresh(), { task: task({ status: 'failed', error_message: 'no' }) }, T0).action).toMatchObject({
      type: 'fail',
      error: expect.any(TaskFailedError),
      task: { status: 'failed' },
    });
    const missing = new Error('not a VidgoError');
    expect(pollStep(fresh(), { error: missing }, T0).action).toEqual({ type: 'fail', error: missing });
    const tooLong = new RateLimitError('later', { ...apiError(429), operation: 'getTask', retryAfterMs: 3_600_000 });
    expect(pollStep(fresh(), { error: tooLong }, T0).action).toEqual({ type: 'fail', error: tooLong });
    expect(pollStep(fresh(), { task: task({ status: 'finished', progress: 100 }) }, T0).action).toMatchObject({
      type: 'finish',
    });
  });

  it('cuts the last sleep a second before the deadline, then times out after that poll', () => {
    const state = { ...fresh(), deadline: T0 + 5000 };
    expect(pollStep(state, { task: task() }, T0).action).toEqual({ type: 'sleep', ms: 4000 });
    const last = pollStep(state, { task: task({ progress: 3 }) }, T0 + 4000);
    expect(last.action).toMatchObject({ type: 'timeout', error: expect.any(WaitTimeoutError) });
    expect((last.action as { error: WaitTimeoutError }).error.message).toMatch(/last seen running\).*may still finish/);
    // A poll the deadline cut off is a timeout, whatever its error.
    expect(pollStep(state, { error: new DOMException('aborted', 'AbortError') }, T0 + 5000).action.type).toBe(
      'timeout',
    );
  });
});

describe('pollStep on states saved by earlier versions', () => {
  it("places a creation time that version could not (createdAt missing) at the wait's start", () => {
    const saved = { ...fresh(), attempts: 3, status: 'running', progress: 0, anchor: [T0, 0] as [number, number] };
    const step = pollStep(saved, { task: task({ created_time: '2026-03-01T20:00:00' }) }, T0 + 6000);
    expect(step.state.createdAt).toBe(T0);
    expect(step.action).toEqual({ type: 'sleep', ms: 9000 });
  });

  it('drops one it misplaced hours back (a zone behind UTC), which cost requests', () => {
    const saved = { ...fresh(), createdAt: T0 - 5 * 3_600_000, status: 'running', progress: 0 };
    const step = pollStep(saved, { task: task({ created_time: '2026-03-01T07:00:00' }) }, T0 + 6000);
    expect(step.state.createdAt).toBe(T0);
    expect(step.action).toEqual({ type: 'sleep', ms: 9000 });
  });
});
