// Counts a JUnit report as vitest counts tests, for the runners whose own summary CI does not
// read (deno, bun): one <testcase> per test (Deno's steps nest inside their test's element), with
// a <failure> or <skipped/> child. A module that fails to load has no test case: Deno counts it
// in `errors`; Bun leaves it out, so its runner also looks at bun's exit code.
export function countJUnit(xml) {
  let passed = 0;
  let failed = 0;
  let ignored = 0;
  for (const [, body = ''] of xml.matchAll(/<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (/<failure\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) ignored++;
    else passed++;
  }
  const errors = Number(/<testsuites\b[^>]*\berrors="(\d+)"/.exec(xml)?.[1] ?? 0);
  return { passed, failed: failed + errors, ignored };
}

/** The report in the shape of vitest's JSON counts, which `scripts/test-totals.mjs` adds up. */
export function totalsReport(runner, { passed, failed, ignored }, success) {
  const counts = { numPassedTests: passed, numFailedTests: failed, numPendingTests: ignored, numTodoTests: 0 };
  return `${JSON.stringify({ runner, ...counts, success })}\n`;
}
