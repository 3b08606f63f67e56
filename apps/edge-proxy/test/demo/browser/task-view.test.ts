import { describe, expect, it } from 'vitest';
import { displayableUrl } from '../../../src/demo/browser/task-view.ts';

const page = 'http://127.0.0.1:8787';

describe('displayableUrl: what the demo page puts in href and src', () => {
  it('keeps https links and files of its own origin (the embedded simulator)', () => {
    expect(displayableUrl('https://storage.vidgo.ai/a/b.png?sig=1', page)).toBe(
      'https://storage.vidgo.ai/a/b.png?sig=1',
    );
    expect(displayableUrl(`${page}/demo/media/x.svg`, page)).toBe(`${page}/demo/media/x.svg`);
  });

  it.each([
    'javascript:alert(document.domain)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://evil.example/x.png',
    'http://127.0.0.1:9999/other-port.png',
    '//evil.example/x.png',
    'blob:https://evil.example/1',
    'not a url',
  ])('refuses %s', (value) => {
    expect(displayableUrl(value, page)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(displayableUrl({ toString: () => 'https://x' }, page)).toBeUndefined();
    expect(displayableUrl(undefined, page)).toBeUndefined();
  });
});
