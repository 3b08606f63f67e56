import { describe, expect, it } from 'vitest';
import { fileNameFor, MAX_FILE_NAME_LENGTH, withCollisionSuffix } from '../../src/files/file-name.ts';

const TASK = 'task-unified-1757165031-uyujaw3d';
const name = (
  url: string,
  {
    contentType,
    fileType,
    taskId = TASK,
    index = 0,
  }: { contentType?: string; fileType?: string; taskId?: string; index?: number } = {},
) => fileNameFor({ url, index, taskId, ...(contentType ? { contentType } : {}), ...(fileType ? { fileType } : {}) });

describe('fileNameFor', () => {
  it("keeps the URL's last path segment, without query or fragment", () => {
    expect(name('https://storage.vidgo.ai/generated/image-abc123.jpg')).toBe('image-abc123.jpg');
    expect(name('https://storage.vidgo.ai/generated/video-xyz789.mp4?X-Amz-Signature=abc#t=1')).toBe(
      'video-xyz789.mp4',
    );
    expect(name('https://cdn.example/a/b/c/')).toBe('c.bin');
    expect(name('https://cdn.example/IMG.JPEG')).toBe('IMG.jpeg');
  });

  it('decodes, then replaces each run of unsafe characters with _', () => {
    expect(name('https://x.example/my%20video%20(1).mp4')).toBe('my_video_1.mp4');
    expect(name('https://x.example/a%00b%0Ac.png')).toBe('a_b_c.png');
    expect(name('https://x.example/100%.jpg')).toBe('100.jpg'); // not decodable: taken as it came
    expect(name('https://x.example/caf%C3%A9.webp')).toBe('caf.webp');
    expect(name('https://x.example/a;rm -rf ~.jpg')).toBe('a_rm_-rf.jpg');
  });

  it('never gives a directory, a parent, a hidden file, an option or a Windows device', () => {
    expect(name('https://x.example/..%2F..%2Fetc%2Fpasswd')).toBe('passwd.bin');
    expect(name('https://x.example/a%5C..%5C..%5Cwin.ini')).toBe('win.ini');
    expect(name('https://x.example/%2e%2e')).toBe(`${TASK}-1.bin`);
    expect(name('https://x.example/.bashrc')).toBe('bashrc.bin');
    expect(name('https://x.example/...jpg')).toBe(`${TASK}-1.jpg`);
    expect(name('https://x.example/-rf.jpg')).toBe('rf.jpg');
    expect(name('https://x.example/con.jpg')).toBe('con_.jpg');
    expect(name('https://x.example/LPT1.tar.gz')).toBe('LPT1_.tar.gz');
  });

  it('takes the extension from the URL, else the Content-Type, else the file type', () => {
    expect(name('https://x.example/download', { contentType: 'image/webp', fileType: 'image' })).toBe('download.webp');
    expect(name('https://x.example/download', { fileType: 'video' })).toBe('download.mp4');
    expect(name('https://x.example/render.', { fileType: 'image' })).toBe('render.jpg');
    expect(name('https://x.example/clip.mov', { contentType: 'video/mp4' })).toBe('clip.mov');
    expect(name('https://x.example/', { contentType: 'application/octet-stream', fileType: 'model-3d' })).toBe(
      `${TASK}-1.bin`,
    );
  });

  it('falls back to the task id and the position from 1', () => {
    expect(name('https://x.example/%E6%97%A5%E6%9C%AC.mp4')).toBe(`${TASK}-1.mp4`);
    expect(name('https://x.example/', { contentType: 'image/png; charset=binary', taskId: 'task-1', index: 3 })).toBe(
      'task-1-4.png',
    );
    expect(name('https://x.example/', { taskId: '../../evil', index: 1 })).toBe('evil-2.bin');
    expect(name('https://x.example/', { taskId: '日本', index: 2 })).toBe('3.bin');
    expect(name('not a url', { fileType: 'audio', taskId: 'task-1' })).toBe('task-1-1.mp3');
  });

  it('bounds the length, keeping the extension', () => {
    const long = name(`https://x.example/${'a'.repeat(5000)}.mp4`);
    expect(long).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith('a.mp4')).toBe(true);
    expect(name(`https://x.example/x.${'b'.repeat(40)}`)).toBe(`x.${'b'.repeat(40)}.bin`); // not an extension: too long
  });

  it('gives a safe name for any URL (2,000 generated ones)', () => {
    const pieces = [
      'a',
      'Z',
      '0',
      '.',
      '..',
      '/',
      '%2F',
      '%5C',
      '\\',
      '%2e',
      '%00',
      '%',
      ' ',
      '-',
      '_',
      '日本',
      'é',
      '~',
      '$',
      ':',
      'con',
      '%0A',
      '?',
      '#',
      'mp4',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run++) {
      const path = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      const result = fileNameFor({
        url: `https://x.example/${path}`,
        index: run,
        taskId: run % 2 ? 'task/../x' : '',
        fileType: 'video',
      });
      const where = `${JSON.stringify(path)} → ${JSON.stringify(result)}`;
      expect(result, where).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      expect(result.length, where).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      expect(result, where).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
      expect(result, where).toMatch(/\.[a-z0-9]+$/);
    }
  });
});

describe('withCollisionSuffix', () => {
  it('numbers copies from 2, before the extension, within the bounds', () => {
    expect(withCollisionSuffix('image.jpg', 1)).toBe('image.jpg');
    expect(withCollisionSuffix('image.jpg', 2)).toBe('image-2.jpg');
    expect(withCollisionSuffix('clip', 3)).toBe('clip-3');
    expect(withCollisionSuffix('archive.tar.gz', 12)).toBe('archive.tar-12.gz');
    const suffixed = withCollisionSuffix(name(`https://x.example/${'a'.repeat(500)}.mp4`), 999);
    expect(suffixed).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(suffixed.endsWith('-999.mp4')).toBe(true);
  });
});
