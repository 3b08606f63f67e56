import { describe, expect, it } from 'vitest';
import { displayUrl, withoutUrlQueries } from '../../src/download/display-url.ts';

describe('displayUrl', () => {
  it('keeps no query, fragment or credentials', () => {
    expect(displayUrl('https://user:pw@storage.vidgo.ai/a/b.mp4?X-Signature=s#f')).toBe(
      'https://storage.vidgo.ai/a/b.mp4',
    );
    expect(displayUrl('not a url?token=s')).toBe('not a url');
  });

  it('cuts the query of every URL in a message', () => {
    expect(
      withoutUrlQueries(
        'error sending request for url (https://a.example/x.mp4?token=s3cret): connection refused; then http://b/y#k',
      ),
    ).toBe('error sending request for url (https://a.example/x.mp4): connection refused; then http://b/y');
  });
});
