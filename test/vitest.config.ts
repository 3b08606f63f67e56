import { defineProject } from 'vitest/config';

// The repository's own checks: READMEs, workflows, what each published tarball holds.
export default defineProject({
  test: {
    name: 'repo',
    include: ['test/**/*.test.ts'],
    root: new URL('..', import.meta.url).pathname,
  },
});
