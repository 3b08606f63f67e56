import { build } from 'esbuild';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as errors from '../index.ts';
import { NotFoundError, VidgoError } from '../index.ts';

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
        'DownloadError',
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
        'VidgoError',
      ].sort(),
    );
  });

  it.each(errorClasses)('%s has its own literal name and a snake_case code', (exportName, ErrorClass) => {
    const error = new ErrorClass('m');
    expect(error.name).toBe(exportName);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe(`${exportName}: m`);
  });

  it('gives each class a distinct code', () => {
    const codes = errorClasses.map(([, ErrorClass]) => new ErrorClass('m').code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new NotFoundError('m').code).toBe('not_found');
    expect(new errors.VidgoAPIError('m', { status: 418, body: undefined, rawBody: '', headers: {} }).code).toBe('vidgo_api');
  });

  it('keeps cause, operation and task id', () => {
    const cause = new TypeError('fetch failed');
    const error = new errors.ConnectionError('m', { cause, operation: 'getTask', taskId: 't' });
    expect(error).toMatchObject({ cause, operation: 'getTask', taskId: 't' });
  });

  it('is() recognises errors from a second copy of the package, where instanceof fails', async () => {
    // A bundle of the package, loaded beside the sources: a second copy, as a duplicated dependency would be.
    const bundle = await build({ entryPoints: [fileURLToPath(new URL('../index.ts', import.meta.url))], bundle: true, format: 'esm', write: false });
    const file = join(await mkdtemp(join(tmpdir(), 'vidgo-copy-')), 'copy.mjs');
    await writeFile(file, bundle.outputFiles[0]!.text);
    const copy = (await import(/* @vite-ignore */ file)) as typeof errors;
    expect(copy.VidgoError).not.toBe(VidgoError);
    const foreign = new copy.NotFoundError('m', { status: 404, body: undefined, rawBody: '', headers: {} });
    expect(foreign instanceof VidgoError).toBe(false);
    expect(VidgoError.is(foreign)).toBe(true);
    expect(copy.VidgoError.is(new NotFoundError('m', { status: 404, body: undefined, rawBody: '', headers: {} }))).toBe(true);
  });

  it('is() refuses lookalikes', () => {
    expect(VidgoError.is(new Error('x'))).toBe(false);
    expect(VidgoError.is({ name: 'VidgoError', code: 'x' })).toBe(false);
    expect(VidgoError.is(null)).toBe(false);
    expect(VidgoError.is('VidgoError')).toBe(false);
  });
});
