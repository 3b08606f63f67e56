// The public API, listed: a name added to or dropped from `.` or `./lite` fails here, so the change
// is deliberate (and gets a changeset). Types count as much as values: both are API.
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as full from '../src/index.ts';
import * as lite from '../src/lite.ts';

const LITE = [
  // The client
  'createVidgoClient',
  'RequestOptions',
  'RetryEvent',
  'VidgoClientOptions',
  'VidgoLiteClient',
  'Clock',
  // Tasks
  'FileType',
  'isTerminal',
  'SubmitTaskRequest',
  'SubmittedTask',
  'Task',
  'TaskFile',
  'TaskStatus',
  // Errors
  'APIErrorCode',
  'APIErrorDetails',
  'AuthenticationError',
  'BadRequestError',
  'ConfigurationError',
  'ConnectionError',
  'InsufficientCreditsError',
  'InternalServerError',
  'InvalidResponseError',
  'InvalidTaskIdError',
  'NotFoundError',
  'PermissionDeniedError',
  'RateLimitError',
  'RequestTimeoutError',
  'VidgoAPIError',
  'VidgoError',
  'VidgoErrorOptions',
];

// `.` is `./lite` plus the waiting engine.
const ENGINE = [
  'PollStrategy',
  'PoolClient',
  'SubmitAndWaitOptions',
  'TaskFailedError',
  'TaskPool',
  'TaskPoolAddOptions',
  'TaskPoolOptions',
  'TaskResult',
  'VidgoClient',
  'WaitOptions',
  'WaitState',
  'WaitTimeoutError',
];

// `.` also follows a task through the edge proxy's events (fetch streaming, no EventSource).
const EVENTS = ['watchTaskEvents', 'WatchTaskEventsOptions', 'WatchFailedError'];

const entries = ['../src/index.ts', '../src/lite.ts', '../src/internal/index.ts'];
const files = entries.map((entry) => fileURLToPath(new URL(entry, import.meta.url)));
// One program for the three entries: building it is the slow part (seconds on a busy machine).
const program = ts.createProgram(files, {
  allowImportingTsExtensions: true,
  noEmit: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
});

/** Every name a module exports, values and types, as the compiler sees it. */
function exportedNames(entry: string): string[] {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(files[entries.indexOf(entry)]!)!)!;
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

const sorted = (names: string[]) => [...names].sort();

describe('the public API', () => {
  it('./lite exports the client, tasks and errors', () => {
    expect(exportedNames('../src/lite.ts')).toEqual(sorted(LITE));
  });

  it('. exports ./lite plus the waiting engine and the events client, and stays small', () => {
    const names = exportedNames('../src/index.ts');
    expect(names).toEqual(sorted([...LITE, ...ENGINE, ...EVENTS]));
    expect(names.length).toBeLessThanOrEqual(45);
  });

  it('the runtime values match the lists (types leave nothing at run time)', () => {
    const values = (module: object) => Object.keys(module).sort();
    expect(values(lite).every((name) => LITE.includes(name))).toBe(true);
    expect(values(full)).toEqual(
      sorted([
        ...values(lite),
        'TaskFailedError',
        'TaskPool',
        'WaitTimeoutError',
        'WatchFailedError',
        'watchTaskEvents',
      ]),
    );
  });

  it('plumbing is in ./internal, not in .', () => {
    const internal = exportedNames('../src/internal/index.ts');
    const publicNames = exportedNames('../src/index.ts');
    for (const name of [
      'startWait',
      'observe',
      'parseTask',
      'encodeTaskId',
      'fileNameFor',
      'MAX_FILE_NAME_LENGTH',
      'systemClock',
    ]) {
      expect(internal).toContain(name);
      expect(publicNames).not.toContain(name);
    }
  });
});
