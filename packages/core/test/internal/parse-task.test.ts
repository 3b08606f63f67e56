import { describe, expect, it } from 'vitest';
import { readSubmittedTask, readTask } from '../../src/internal/parse-task.ts';

// The five status bodies from the Vidgo docs, exactly as published.
const DOC_EXAMPLES = [
  '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"not_started","files":[],' +
    '"created_time":"2025-11-12T10:30:00","progress":0,"error_message":null}}',
  '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"running","files":[],' +
    '"created_time":"2025-11-12T10:30:00","progress":45,"error_message":null}}',
  '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"finished",' +
    '"files":[{"file_url":"https://storage.vidgo.ai/generated/image-abc123.jpg","file_type":"image"}],' +
    '"created_time":"2025-11-12T10:30:00","progress":100,"error_message":null}}',
  '{"code":200,"data":{"task_id":"task-unified-1757165211-xyz789","status":"finished",' +
    '"files":[{"file_url":"https://storage.vidgo.ai/generated/video-xyz789.mp4","file_type":"video"}],' +
    '"created_time":"2025-11-12T10:30:00","progress":100,"error_message":null}}',
  '{"code":200,"data":{"task_id":"task-unified-1757165031-uyujaw3d","status":"failed","files":[],' +
    '"created_time":"2025-11-12T10:30:00","progress":0,"error_message":"The prompt violates our content policy"}}',
];

describe('readTask', () => {
  it.each(DOC_EXAMPLES)('reads the documented body %# to exactly its data', (body) => {
    const json = JSON.parse(body);
    const task = readTask(json);
    expect(task).toStrictEqual(json.data);
    expect(Object.keys(task!)).toEqual(Object.keys(json.data));
  });

  it('keeps created_time as the string it received, with no timezone added', () => {
    const task = readTask({ data: { task_id: 't', status: 'running', created_time: '2025-11-12T10:30:00.123456' } });
    expect(task?.created_time).toBe('2025-11-12T10:30:00.123456');
  });

  it('treats progress and error_message as optional and files as empty when missing', () => {
    expect(readTask({ code: 200, data: { task_id: 't', status: 'running' } })).toStrictEqual({
      task_id: 't',
      status: 'running',
      files: [],
    });
  });

  it('passes unknown statuses, file types and fields through', () => {
    const task = readTask({
      data: {
        task_id: 't',
        status: 'upscaling',
        files: [{ file_url: 'https://x/a.glb', file_type: 'model3d', size: 12 }],
        eta_seconds: 30,
      },
    });
    expect(task).toMatchObject({ status: 'upscaling', eta_seconds: 30 });
    expect(task?.files).toEqual([{ file_url: 'https://x/a.glb', file_type: 'model3d', size: 12 }]);
  });

  it('reads a flat task, as the newest callbacks send it', () => {
    expect(readTask({ task_id: 't', status: 'finished', files: [] })).toStrictEqual({
      task_id: 't',
      status: 'finished',
      files: [],
    });
  });

  it('makes progress a number or leaves it out', () => {
    expect(readTask({ data: { task_id: 't', status: 'running', progress: '45' } })?.progress).toBe(45);
    expect(readTask({ data: { task_id: 't', status: 'running', progress: 'soon' } })).not.toHaveProperty('progress');
    expect(readTask({ data: { task_id: 't', status: 'running', progress: null } })).not.toHaveProperty('progress');
    expect(readTask({ data: { task_id: 't', status: 'running', progress: 'Infinity' } })).not.toHaveProperty(
      'progress',
    );
    expect(readTask({ data: { task_id: 't', status: 'running', progress: 150 } })).not.toHaveProperty('progress');
    expect(readTask({ data: { task_id: 't', status: 'running', progress: -1 } })).not.toHaveProperty('progress');
  });

  it('drops file entries that have no URL', () => {
    const task = readTask({
      data: {
        task_id: 't',
        status: 'finished',
        files: [null, 'x', { file_type: 'image' }, { file_url: 'u', file_type: 'image' }],
      },
    });
    expect(task?.files).toEqual([{ file_url: 'u', file_type: 'image' }]);
  });

  it.each([
    ['no data', { code: 200 }],
    ['no task_id', { data: { status: 'running' } }],
    ['an empty task_id', { data: { task_id: '', status: 'running' } }],
    ['a numeric status', { data: { task_id: 't', status: 3 } }],
    ['an array', [{ task_id: 't', status: 'running' }]],
    ['null', null],
    ['a string', 'task'],
  ])('refuses a body with %s', (_, json) => {
    expect(readTask(json)).toBeUndefined();
  });
});

describe('readSubmittedTask', () => {
  it('reads the documented submit answer', () => {
    const json = {
      code: 200,
      data: { task_id: 'task-unified-1757165031-uyujaw3d', status: 'not_started', created_time: '2025-11-12T10:30:00' },
    };
    expect(readSubmittedTask(json)).toStrictEqual(json.data);
  });

  it('needs only task_id', () => {
    expect(readSubmittedTask({ data: { task_id: 'abc' } })).toStrictEqual({ task_id: 'abc' });
    expect(readSubmittedTask({ data: { status: 'running' } })).toBeUndefined();
  });
});
