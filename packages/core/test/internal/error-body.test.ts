import { describe, expect, it } from 'vitest';
import { readErrorBody } from '../../src/internal/error-body.ts';

describe('readErrorBody', () => {
  it('reads {"detail": "..."}', () => {
    expect(readErrorBody('{"detail":"Task not found"}')).toEqual({
      body: { detail: 'Task not found' },
      message: 'Task not found',
    });
  });

  it('reads FastAPI validation details', () => {
    const text =
      '{"detail":[{"loc":["body","model"],"msg":"Field required","type":"missing"},{"msg":"Prompt too long"}]}';
    expect(readErrorBody(text).message).toBe('Field required; Prompt too long');
  });

  it('quotes only the words of details, skipping entries that are not words', () => {
    // An object whose `toString` is not a function made `join` throw a TypeError (found by fast-check).
    const text = '{"detail":[{"toString":""},{"msg":{"nested":true}},{"msg":"Prompt too long"},7]}';
    expect(readErrorBody(text).message).toBe('Prompt too long');
    expect(readErrorBody('{"detail":[{"toString":""}]}').message).toBeUndefined();
  });

  it('reads {"code", "error": {"message", "type"}}', () => {
    const text = '{"code":404,"error":{"message":"Task not found","type":"resource_not_found_error"}}';
    const read = readErrorBody(text);
    expect(read.message).toBe('Task not found');
    expect(read.body).toEqual(JSON.parse(text));
  });

  it('reads a bare error string and a top-level message', () => {
    expect(readErrorBody('{"error":"rate limited"}').message).toBe('rate limited');
    expect(readErrorBody('{"message":"Service unavailable"}').message).toBe('Service unavailable');
  });

  it('reads plain text, on one line', () => {
    expect(readErrorBody('Request timeout\n')).toEqual({ body: undefined, message: 'Request timeout' });
    expect(readErrorBody('line one\n  line two')).toMatchObject({ message: 'line one line two' });
  });

  it('quotes nothing from an HTML gateway page', () => {
    const page =
      '<html><head><title>502 Bad Gateway</title></head>' +
      '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    expect(readErrorBody(page)).toEqual({ body: undefined, message: undefined });
  });

  it('gives no message for an empty body or JSON without words', () => {
    expect(readErrorBody('').message).toBeUndefined();
    expect(readErrorBody('{"code":500}').message).toBeUndefined();
    expect(readErrorBody('null').message).toBeUndefined();
    expect(readErrorBody('[1,2]').message).toBeUndefined();
  });

  it('keeps a message short', () => {
    expect(readErrorBody('x'.repeat(10_000)).message).toHaveLength(300);
  });
});
