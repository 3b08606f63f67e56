// The types that public signatures name are importable, by the package's own entry names, and are
// the very types those signatures use. The checks are compile-time: `pnpm typecheck` (which
// compiles test/) fails when a type stops being exported or drifts from the API it describes.
import type {
  APIErrorCode,
  APIErrorDetails,
  AuthenticationError,
  BadRequestError,
  Clock,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  PollStrategy,
  PoolClient,
  RateLimitError,
  SubmitAndWaitOptions,
  Task,
  TaskPoolOptions,
  VidgoAPIError,
  VidgoClient,
  VidgoClientOptions,
  VidgoError,
  VidgoErrorOptions,
  VidgoLiteClient,
  WaitOptions,
  WaitState,
  WatchTaskEventsOptions,
} from '@vidgo-sdk/core';
import type * as lite from '@vidgo-sdk/core/lite';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TaskPool } from '../src/index.ts';

describe('the types the public API names', () => {
  it('APIErrorCode is the code of VidgoAPIError, and each subclass has one of its own', () => {
    expectTypeOf<VidgoAPIError['code']>().toEqualTypeOf<APIErrorCode>();
    expectTypeOf<
      | BadRequestError['code']
      | AuthenticationError['code']
      | InsufficientCreditsError['code']
      | PermissionDeniedError['code']
      | NotFoundError['code']
      | RateLimitError['code']
      | InternalServerError['code']
    >().toEqualTypeOf<Exclude<APIErrorCode, 'vidgo_api'>>();
  });

  it('APIErrorDetails is what VidgoAPIError and its subclasses are built from', () => {
    expectTypeOf<ConstructorParameters<typeof VidgoAPIError>>().toEqualTypeOf<[string, APIErrorDetails]>();
    expectTypeOf<ConstructorParameters<typeof RateLimitError>>().toEqualTypeOf<[string, APIErrorDetails]>();
    expectTypeOf<APIErrorDetails>().toExtend<VidgoErrorOptions>();
  });

  it('VidgoErrorOptions is what VidgoError is built from', () => {
    expectTypeOf<ConstructorParameters<typeof VidgoError>>().toEqualTypeOf<[string, VidgoErrorOptions?]>();
  });

  it('Clock is the clock option of the client, the pool and the events client', () => {
    expectTypeOf<VidgoClientOptions['clock']>().toEqualTypeOf<Clock | undefined>();
    expectTypeOf<TaskPoolOptions['clock']>().toEqualTypeOf<Clock | undefined>();
    expectTypeOf<WatchTaskEventsOptions['clock']>().toEqualTypeOf<Clock | undefined>();
  });

  it('PollStrategy is the strategy option of every wait and of a pool', () => {
    expectTypeOf<PollStrategy>().toEqualTypeOf<(state: WaitState, now: number) => number>();
    expectTypeOf<WaitOptions['strategy']>().toEqualTypeOf<PollStrategy | undefined>();
    expectTypeOf<NonNullable<Parameters<VidgoClient['waitForTask']>[1]>>().toEqualTypeOf<WaitOptions>();
    expectTypeOf<SubmitAndWaitOptions['strategy']>().toEqualTypeOf<PollStrategy | undefined>();
    expectTypeOf<TaskPoolOptions['strategy']>().toEqualTypeOf<PollStrategy | undefined>();
  });

  it('PoolClient is what TaskPool takes, and either client is one', () => {
    expectTypeOf<ConstructorParameters<typeof TaskPool>[0]>().toEqualTypeOf<PoolClient>();
    expectTypeOf<VidgoClient>().toExtend<PoolClient>();
    expectTypeOf<VidgoLiteClient>().toExtend<PoolClient>();
  });

  it('a PoolClient of your own drives a TaskPool', async () => {
    // A wrapper typed by the exported name alone: what a user writes to add caching or tracing.
    const calls: string[] = [];
    const client: PoolClient = {
      getTask: async (taskId) => {
        calls.push(taskId);
        return { task_id: taskId, status: 'finished', files: [], progress: 100 } satisfies Task;
      },
    };
    const task = await new TaskPool(client).add('task-1');
    expect(task.status).toBe('finished');
    expect(calls).toEqual(['task-1']);
  });

  it('./lite exports the four its own API names, and they are the same types', () => {
    expectTypeOf<lite.APIErrorCode>().toEqualTypeOf<APIErrorCode>();
    expectTypeOf<lite.APIErrorDetails>().toEqualTypeOf<APIErrorDetails>();
    expectTypeOf<lite.VidgoErrorOptions>().toEqualTypeOf<VidgoErrorOptions>();
    expectTypeOf<lite.Clock>().toEqualTypeOf<Clock>();
    expectTypeOf<lite.VidgoAPIError['code']>().toEqualTypeOf<lite.APIErrorCode>();
    expectTypeOf<lite.VidgoClientOptions['clock']>().toEqualTypeOf<lite.Clock | undefined>();
  });
});
