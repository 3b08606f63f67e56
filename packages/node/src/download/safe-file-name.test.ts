import { describe, expect, it } from 'vitest';
import { safeFileName, withSuffix } from './safe-file-name.ts';

const name = (url: string, type = 'video', taskId = 'task-1', index = 0) => safeFileName(url, type, taskId, index);

describe('safeFileName', () => {
  it("keeps a plain URL's last path segment, without the query", () => {
    expect(name('https://storage.vidgo.ai/generated/video-xyz789.mp4?X-Signature=abc')).toBe('video-xyz789.mp4');
    expect(name('https://storage.vidgo.ai/generated/image-abc123.jpg', 'image')).toBe('image-abc123.jpg');
  });

  it('decodes, then keeps only [A-Za-z0-9._-]', () => {
    expect(name('https://s.example/a/my%20clip%20(1).mp4')).toBe('myclip1.mp4');
    expect(name('https://s.example/a/%E2%9C%A8sparkle.png', 'image')).toBe('sparkle.png');
    expect(name('https://s.example/a/bad%ZZescape.mp4')).toBe('badZZescape.mp4');
  });

  it('never leaves the directory, whatever the URL holds', () => {
    for (const url of [
      'https://s.example/..%2F..%2Fetc%2Fpasswd',
      'https://s.example/%2e%2e',
      'https://s.example/a/..%5C..%5Cwindows%5Cwin.ini',
      'https://s.example/.bashrc',
      'https://s.example/-rf',
    ]) {
      const safe = name(url);
      expect(safe).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(safe).not.toContain('..');
    }
    expect(name('https://s.example/..%2F..%2Fetc%2Fpasswd')).toBe('etcpasswd.mp4');
    expect(name('https://s.example/.bashrc')).toBe('bashrc.mp4');
  });

  it('falls back to the task id and position, with the extension of the file type', () => {
    expect(name('https://s.example/', 'video', 'task-unified-1757165031-uyujaw3d', 1)).toBe('task-unified-1757165031-uyujaw3d-2.mp4');
    expect(name('https://s.example/%E2%9C%A8', 'image')).toBe('task-1-1.jpg');
    expect(name('not a url', 'audio')).toBe('task-1-1.mp3');
    expect(name('https://s.example/...', 'model-3d', '../..', 0)).toBe('task-1.bin');
  });

  it('gives a name without an extension the one of its file type', () => {
    expect(name('https://s.example/download')).toBe('download.mp4');
    expect(name('https://s.example/render.', 'image')).toBe('render.jpg');
  });

  it('bounds the length, keeping the extension', () => {
    const long = name(`https://s.example/${'a'.repeat(5000)}.mp4`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.mp4')).toBe(true);
  });

  it('steers clear of Windows device names', () => {
    expect(name('https://s.example/CON.mp4')).toBe('_CON.mp4');
    expect(name('https://s.example/nul')).toBe('_nul.mp4');
  });
});

describe('withSuffix', () => {
  it('numbers collisions before the extension', () => {
    expect(withSuffix('clip.mp4', 1)).toBe('clip.mp4');
    expect(withSuffix('clip.mp4', 2)).toBe('clip-2.mp4');
    expect(withSuffix('clip', 3)).toBe('clip-3');
    expect(withSuffix(`${'a'.repeat(116)}.mp4`, 12).length).toBeLessThanOrEqual(120);
  });
});
