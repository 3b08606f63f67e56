import { build } from 'esbuild';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/index.ts';
import { NotFoundError, VidgoError } from '../../src/index.ts';
import { someError } from './support/some-error.ts';

const errorClasses = Object.entries(errors).filter(
  ([, value]) => typeof value === 'function' && (value === VidgoError || value.prototype instanceof VidgoError),
) as [string, typeof VidgoError][];

describe('VidgoError', () => {
  it('exports every documented class', () => {
    expect(errorClasses.map(([name]) => name).sort()).toEqual(
      [
        'AuthenticationError',
        'BadRequestError',
        'ConfigurationError',
        'ConnectionError',
        'InsufficientCreditsError',
        'InternalServerError',
        'InvalidResponseError',
        'InvalidTaskIdError',
        'NotFoundError',
        'PermissionDeniedError',
        'RateLimitError',
        'RequestTimeoutError',
        'TaskFailedError',
        'VidgoAPIError',
        'WaitTimeoutError',
        'WatchFailedError',
        'VidgoError',
      ].sort(),
    );
  });

  it.each(errorClasses)('%s has its own literal name and a snake_case code', (exportName, ErrorClass) => {
    const error = someError(ErrorClass, 'm');
    expect(error.name).toBe(exportName);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe(`${exportName}: m`);
  });

  it('keeps the codes users branch on, one per class', () => {
    const codes = Object.fromEntries(errorClasses.map(([name, ErrorClass]) => [name, someError(ErrorClass, 'm').code]));
    expect(codes).toEqual({
      AuthenticationError: 'authentication',
      BadRequestError: 'bad_request',
      ConfigurationError: 'configuration',
      ConnectionError: 'connection',
      InsufficientCreditsError: 'insufficient_credits',
      InternalServerError: 'internal_server',
      InvalidResponseError: 'invalid_response',
      InvalidTaskIdError: 'invalid_task_id',
      NotFoundError: 'not_found',
      PermissionDeniedError: 'permission_denied',
      RateLimitError: 'rate_limit',
      RequestTimeoutError: 'request_timeout',
      TaskFailedError: 'task_failed',
      VidgoAPIError: 'vidgo_api',
      VidgoError: 'vidgo',
      WaitTimeoutError: 'wait_timeout',
      WatchFailedError: 'watch_failed',
    });
  });

  it.each(errorClasses)('%s keeps name, code and its fields through JSON.stringify and a spread', (_, ErrorClass) => {
    const error = someError(ErrorClass, 'm');
    const { name, code } = error;
    expect(Object.getOwnPropertyDescriptor(error, 'code')).toMatchObject({ value: code, enumerable: true });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name, code, operation: 'getTask', taskId: 'task-1' });
    expect({ ...error }).toMatchObject({ name, code, operation: 'getTask', taskId: 'task-1' });
  });

  it('serializes an API error with what a log needs, and no empty keys', () => {
    const error = new NotFoundError('getTask("task-1"): 404 Task not found', {
      operation: 'getTask',
      taskId: 'task-1',
      status: 404,
      body: { detail: 'Task not found' },
      rawBody: '{"detail":"Task not found"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(JSON.stringify(error))).toStrictEqual({
      name: 'NotFoundError',
      code: 'not_found',
      operation: 'getTask',
      taskId: 'task-1',
      status: 404,
      body: { detail: 'Task not found' },
      rawBody: '{"detail":"Task not found"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(Object.keys(new errors.ConnectionError('m'))).toEqual(['name', 'code']);
  });

  it('keeps cause, operation and task id', () => {
    const cause = new TypeError('fetch failed');
    const error = new errors.ConnectionError('m', { cause, operation: 'getTask', taskId: 't' });
    expect(error).toMatchObject({ cause, operation: 'getTask', taskId: 't' });
  });

  it('takes only the fields its class declares', () => {
    // @ts-expect-error `status` is not an option of a ConnectionError
    const error = new errors.ConnectionError('m', { status: 500 });
    expect('status' in error).toBe(false);
    // @ts-expect-error an API error needs its status, body, rawBody and headers
    const incomplete = () => new NotFoundError('m', { status: 404 });
    expect(incomplete).toBeTypeOf('function');
  });

  it('is() recognises errors from a second copy of the package, where instanceof fails', async () => {
    // A bundle of the package, loaded beside the sources: a second copy, as a duplicated dependency would be.
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      write: false,
    });
    const file = join(await mkdtemp(join(tmpdir(), 'vidgo-copy-')), 'copy.mjs');
    await writeFile(file, bundle.outputFiles[0]!.text);
    const copy = (await import(/* @vite-ignore */ file)) as typeof errors;
    expect(copy.VidgoError).not.toBe(VidgoError);
    const foreign = new copy.NotFoundError('m', { status: 404, body: undefined, rawBody: '', headers: {} });
    expect(foreign instanceof VidgoError).toBe(false);
    expect(VidgoError.is(foreign)).toBe(true);
    expect(foreign.code).toBe('not_found');
    expect(copy.VidgoError.is(new NotFoundError('m', { status: 404, body: undefined, rawBody: '', headers: {} }))).toBe(
      true,
    );
  });

  it('is() refuses lookalikes', () => {
    expect(VidgoError.is(new Error('x'))).toBe(false);
    expect(VidgoError.is({ name: 'VidgoError', code: 'x' })).toBe(false);
    expect(VidgoError.is(null)).toBe(false);
    expect(VidgoError.is('VidgoError')).toBe(false);
  });
});
