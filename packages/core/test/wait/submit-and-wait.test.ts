import { describe, expect, it } from 'vitest';
import { TaskFailedError, WaitTimeoutError, type SubmittedTask } from '../../src/index.ts';
import { settle, simulatedVidgo, useMsw } from '../support/simulated-vidgo.ts';

useMsw();

describe('submitAndWait', () => {
  it('submits, hands over the id at once, and returns the finished task', async () => {
    const { simulator, client, run } = simulatedVidgo();
    let submitted: SubmittedTask | undefined;
    const task = await run(
      client.submitAndWait(
        { model: 'gpt-image-2', input: { prompt: 'a fox' } },
        { onSubmitted: (task) => (submitted = task) },
      ),
    );
    expect(submitted?.task_id).toBe(task.task_id);
    expect(task.status).toBe('finished');
    expect(simulator.requests.filter((request) => request.route === 'submit')).toHaveLength(1);
  });

  it('uses the model to pace itself: a video is not polled while it cannot be done', async () => {
    const { simulator, client, run } = simulatedVidgo({
      submitScript: () => ({ durationMs: 150_000, progress: 'none' }),
    });
    await run(client.submitAndWait({ model: 'sora-2', input: { prompt: 'waves' } }));
    const polls = simulator.requests.filter((request) => request.route === 'status');
    expect(polls.length).toBeLessThan(40);
  });

  it('puts the task id on every error after the submit', async () => {
    const failing = simulatedVidgo({ submitScript: () => ({ outcome: 'failed' }) });
    const failed = await settle(
      failing.run(failing.client.submitAndWait({ model: 'gpt-image-2', input: { prompt: 'x' } })),
    );
    expect(failed.error).toBeInstanceOf(TaskFailedError);
    expect((failed.error as TaskFailedError).taskId).toMatch(/^task-unified-/);

    const slow = simulatedVidgo({ submitScript: () => ({ durationMs: 3_600_000 }) });
    const late = await settle(
      slow.run(slow.client.submitAndWait({ model: 'gpt-image-2', input: { prompt: 'x' } }, { timeoutMs: 60_000 })),
    );
    expect(late.error).toBeInstanceOf(WaitTimeoutError);
    expect((late.error as WaitTimeoutError).taskId).toMatch(/^task-unified-/);

    const broken = simulatedVidgo();
    broken.simulator.inject({ type: 'status', status: 403, route: 'status' });
    const denied = await settle(
      broken.run(broken.client.submitAndWait({ model: 'gpt-image-2', input: { prompt: 'x' } })),
    );
    expect(denied.error).toMatchObject({
      name: 'PermissionDeniedError',
      taskId: expect.stringMatching(/^task-unified-/),
    });
  });

  it('does not wait when the submit fails', async () => {
    const { simulator, client, run } = simulatedVidgo();
    simulator.inject({ type: 'status', status: 402, route: 'submit' });
    await expect(run(client.submitAndWait({ model: 'gpt-image-2', input: { prompt: 'x' } }))).rejects.toMatchObject({
      name: 'InsufficientCreditsError',
    });
    expect(simulator.requests).toHaveLength(1);
  });
});
