import assert from 'node:assert/strict';
import { fileNameFor, MAX_FILE_NAME_LENGTH, withCollisionSuffix } from './file-name.ts';

const name = (url: string, contentType?: string, taskId = 'task-unified-1757165031-uyujaw3d', index = 0) =>
  fileNameFor({ url, index, taskId, contentType });

Deno.test('file names: the last path segment of the URL, without query or fragment', () => {
  assert.equal(name('https://storage.vidgo.ai/generated/image-abc123.jpg'), 'image-abc123.jpg');
  assert.equal(name('https://storage.vidgo.ai/generated/video-xyz789.mp4?X-Amz-Signature=abc#t=1'), 'video-xyz789.mp4');
  assert.equal(name('https://cdn.example/a/b/c/'), 'c.bin');
  assert.equal(name('https://cdn.example/IMG.JPEG'), 'IMG.jpeg');
});

Deno.test('file names: decoded, with unsafe characters replaced', () => {
  assert.equal(name('https://x.example/my%20video%20(1).mp4'), 'my_video_1.mp4');
  assert.equal(name('https://x.example/a%00b%0Ac.png'), 'a_b_c.png');
  assert.equal(name('https://x.example/100%.jpg'), '100.jpg'); // not decodable: taken as it came
  assert.equal(name('https://x.example/caf%C3%A9.webp'), 'caf.webp');
  assert.equal(name('https://x.example/a;rm -rf ~.jpg'), 'a_rm_-rf.jpg');
});

Deno.test('file names: never a directory, a parent, a hidden file or an option', () => {
  assert.equal(name('https://x.example/..%2F..%2Fetc%2Fpasswd'), 'passwd.bin');
  assert.equal(name('https://x.example/a%5C..%5C..%5Cwin.ini'), 'win.ini');
  assert.equal(name('https://x.example/%2e%2e'), 'task-unified-1757165031-uyujaw3d-0.bin');
  assert.equal(name('https://x.example/.bashrc'), 'bashrc.bin');
  assert.equal(name('https://x.example/...jpg'), 'task-unified-1757165031-uyujaw3d-0.jpg');
  assert.equal(name('https://x.example/-rf.jpg'), 'rf.jpg');
  assert.equal(name('https://x.example/con.jpg'), 'con_.jpg');
  assert.equal(name('https://x.example/LPT1.tar.gz'), 'LPT1_.tar.gz');
});

Deno.test('file names: the fallback is the task id and index, with the extension from the URL or Content-Type', () => {
  assert.equal(name('https://x.example/%E6%97%A5%E6%9C%AC.mp4'), 'task-unified-1757165031-uyujaw3d-0.mp4');
  assert.equal(name('https://x.example/', 'video/mp4'), 'task-unified-1757165031-uyujaw3d-0.mp4');
  assert.equal(name('https://x.example/', 'image/png; charset=binary', 'task-1', 3), 'task-1-3.png');
  assert.equal(name('https://x.example/download', 'image/webp'), 'download.webp');
  assert.equal(name('https://x.example/', 'application/octet-stream'), 'task-unified-1757165031-uyujaw3d-0.bin');
  assert.equal(name('https://x.example/', undefined, '../../evil', 1), 'evil-1.bin');
  assert.equal(name('https://x.example/', undefined, '日本', 2), '2.bin');
  assert.equal(name('not a url', 'image/jpeg', 'task-1'), 'task-1-0.jpg');
});

Deno.test('file names: bounded length, extension kept', () => {
  const long = name(`https://x.example/${'a'.repeat(500)}.mp4`);
  assert.equal(long.length, MAX_FILE_NAME_LENGTH);
  assert.ok(long.endsWith('a.mp4'));
  assert.equal(name(`https://x.example/x.${'b'.repeat(40)}`), `x.${'b'.repeat(40)}.bin`); // not an extension: too long
});

Deno.test('file names: collision suffixes stay within the bounds', () => {
  assert.equal(withCollisionSuffix('image.jpg', 0), 'image.jpg');
  assert.equal(withCollisionSuffix('image.jpg', 1), 'image-1.jpg');
  assert.equal(withCollisionSuffix('archive.tar.gz', 12), 'archive.tar-12.gz');
  const long = name(`https://x.example/${'a'.repeat(500)}.mp4`);
  const suffixed = withCollisionSuffix(long, 999);
  assert.equal(suffixed.length, MAX_FILE_NAME_LENGTH);
  assert.ok(suffixed.endsWith('-999.mp4'));
});

Deno.test('file names: any URL gives a safe name (2,000 generated URLs)', () => {
  const pieces = ['a', 'Z', '0', '.', '..', '/', '%2F', '%5C', '\\', '%2e', '%00', '%', ' ', '-', '_', '日本', 'é', '~', '$', ':', 'con', '%0A', '?', '#', 'mp4'];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let run = 0; run < 2000; run++) {
    const path = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    const result = fileNameFor({ url: `https://x.example/${path}`, index: run, taskId: run % 2 ? 'task/../x' : '', contentType: 'video/mp4' });
    const where = `${JSON.stringify(path)} → ${JSON.stringify(result)}`;
    assert.match(result, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, where);
    assert.ok(result.length <= MAX_FILE_NAME_LENGTH, where);
    assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(result), where);
    assert.ok(/\.[a-z0-9]+$/.test(result), where);
  }
});
