import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVidgoClient, InvalidTaskIdError, VidgoError } from '../src/index.ts';

const STATUS_PREFIX = '/api/generate/status/';

describe('properties', () => {
  it('no task id makes a request anywhere but one segment under /api/generate/status/', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 600 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.constantFrom('..', '.', '%2e%2e', '..%2f', '../submit', '/', '\\..\\', '?', '#', '%00', 'a/b', ' .. '),
          fc
            .array(fc.constantFrom('.', '/', '%', '2', 'e', 'f', '\\', '?', '#', ' ', '\n'), { maxLength: 12 })
            .map((parts) => parts.join('')),
        ),
        async (taskId) => {
          const urls: string[] = [];
          const client = createVidgoClient({
            baseUrl: 'https://api.vidgo.ai/prefix',
            maxRetries: 0,
            fetch: async (url) => {
              urls.push(String(url));
              return Response.json({ code: 200, data: { task_id: taskId, status: 'running' } });
            },
          });
          try {
            await client.getTask(taskId);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTaskIdError);
            expect(urls).toEqual([]);
            return;
          }
          expect(urls).toHaveLength(1);
          const url = new URL(urls[0]!);
          expect(url.origin).toBe('https://api.vidgo.ai');
          expect(url.search).toBe('');
          expect(url.hash).toBe('');
          expect(url.pathname.startsWith(`/prefix${STATUS_PREFIX}`)).toBe(true);
          const segment = url.pathname.slice(`/prefix${STATUS_PREFIX}`.length);
          expect(segment).not.toContain('/');
          expect(decodeURIComponent(segment)).toBe(taskId);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('any status and any body gives a Task or a VidgoError, never a TypeError', async () => {
    const anyTaskLike = fc.record(
      {
        task_id: fc.oneof(fc.string(), fc.anything()),
        status: fc.oneof(fc.constantFrom('not_started', 'running', 'finished', 'failed', 'weird'), fc.anything()),
        files: fc.oneof(
          fc.array(
            fc.record(
              { file_url: fc.oneof(fc.webUrl(), fc.anything()), file_type: fc.anything() },
              { requiredKeys: [] },
            ),
          ),
          fc.anything(),
        ),
        progress: fc.anything(),
        error_message: fc.anything(),
        created_time: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const anyBody = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      anyTaskLike.map((data) => JSON.stringify({ code: 200, data })),
      fc
        .record({ detail: fc.anything(), error: fc.anything(), message: fc.anything() }, { requiredKeys: [] })
        .map((value) => JSON.stringify(value)),
      fc.constantFrom(
        '',
        'null',
        '[]',
        '{"data":null}',
        '{"data":[]}',
        '<html><title>x</title></html>',
        '{"code":200,"data":{"task_id":',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        anyBody,
        fc.dictionary(
          fc.constantFrom('retry-after', 'content-type', 'x-any'),
          fc.string({ unit: 'binary-ascii' }).map((value) => value.replace(/[\r\n\0]/g, '')),
        ),
        async (status, body, headers) => {
          const client = createVidgoClient({
            apiKey: 'vk_prop',
            maxRetries: 0,
            fetch: async () => new Response([101, 204, 205, 304].includes(status) ? null : body, { status, headers }),
          });
          try {
            const task = await client.getTask('t');
            expect(typeof task.task_id).toBe('string');
            expect(typeof task.status).toBe('string');
            expect(Array.isArray(task.files)).toBe(true);
            expect(task.files.every((file) => typeof file.file_url === 'string')).toBe(true);
            if ('progress' in task) expect(Number.isFinite(task.progress)).toBe(true);
            expect(status).toBeLessThan(300);
          } catch (error) {
            expect(VidgoError.is(error)).toBe(true);
            expect(error).not.toBeInstanceOf(TypeError);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
