import { describe, expect, it } from 'vitest';
import { InvalidTaskIdError } from '../../src/errors/input-errors.ts';
import { encodeTaskId } from '../../src/internal/task-id.ts';

describe('encodeTaskId', () => {
  it.each(['task-unified-1757165031-uyujaw3d', '8FDN1I7M7Q68DDG8', 'x'.repeat(512)])(
    'passes %s through unchanged',
    (id) => {
      expect(encodeTaskId(id, 'getTask')).toBe(id);
    },
  );

  it('percent-encodes what would change the path', () => {
    expect(encodeTaskId('a/../b', 'getTask')).toBe('a%2F..%2Fb');
    expect(encodeTaskId('a?b#c', 'getTask')).toBe('a%3Fb%23c');
    expect(encodeTaskId('tâche 1', 'getTask')).toBe('t%C3%A2che%201');
    expect(encodeTaskId('...', 'getTask')).toBe('...');
  });

  it.each([
    ['empty', ''],
    ['blank', ' \t '],
    ['.', '.'],
    ['..', '..'],
    ['too long', 'x'.repeat(513)],
    ['a newline', 'task\nX-Injected: 1'],
    ['a NUL', 'task\u0000'],
    ['a C1 control', 'task\u0085'],
    ['a lone surrogate', 'task\ud800'],
    ['not a string', 42],
    ['null', null],
    ['undefined', undefined],
  ])('rejects %s with InvalidTaskIdError', (_, id) => {
    expect(() => encodeTaskId(id, 'getTask')).toThrow(InvalidTaskIdError);
  });

  it('says which call refused the id', () => {
    expect(() => encodeTaskId('', 'waitForTask')).toThrow(/^waitForTask: invalid task id/);
  });
});
