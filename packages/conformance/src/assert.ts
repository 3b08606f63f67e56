// A few assertions of our own: the suite runs where neither node:assert nor a test library's
// expect exists (workerd without nodejs_compat).

export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}

export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new ConformanceFailure(message);
}

export function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ConformanceFailure(`${what}: expected ${e}, got ${a}`);
}

/** Awaits a rejection and returns the error; fails when the promise resolves. */
export async function rejects(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new ConformanceFailure(`${what}: expected a rejection, but it resolved`);
}

/** Checks an error's class by name and a few of its fields. */
export function isError(error: unknown, name: string, fields: Record<string, unknown>, what: string): void {
  const record = error as Record<string, unknown> | undefined;
  ok(record && typeof record === 'object', `${what}: expected a ${name}, got ${String(error)}`);
  equal(record.name, name, `${what}: error name`);
  // What a logger or an RPC layer keeps of it: name and code are own, enumerable properties.
  const serialized = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  equal([serialized.name, serialized.code], [name, record.code], `${what}: name and code through JSON.stringify`);
  ok(
    typeof record.code === 'string' && /^[a-z]+(_[a-z]+)*$/.test(record.code),
    `${what}: a snake_case code, got ${String(record.code)}`,
  );
  for (const [key, value] of Object.entries(fields)) equal(record[key], value, `${what}: error.${key}`);
}
