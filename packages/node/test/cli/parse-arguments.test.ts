import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../src/cli/parse-arguments.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

const usage = (argv: string[]) => {
  try {
    parseArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { message: (error as UsageError).message, command: (error as UsageError).command };
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseArguments', () => {
  it('reads status', () => {
    expect(parseArguments(['status', 'task-1'])).toEqual({
      name: 'status',
      taskId: 'task-1',
      json: false,
      baseUrl: undefined,
    });
    expect(parseArguments(['status', '--json', 'task-1', '--base-url', 'http://127.0.0.1:1'])).toMatchObject({
      json: true,
      baseUrl: 'http://127.0.0.1:1',
    });
  });

  it('reads wait with its options, global options anywhere', () => {
    expect(
      parseArguments([
        '--base-url',
        'https://proxy.example',
        'wait',
        'task-1',
        '--timeout',
        '10m',
        '-m',
        'sora-2',
        '-d',
        'out',
        '--expect',
        '2m',
      ]),
    ).toEqual({
      name: 'wait',
      taskId: 'task-1',
      json: false,
      baseUrl: 'https://proxy.example',
      timeoutMs: 600_000,
      expectMs: 120_000,
      model: 'sora-2',
      download: 'out',
      allowInsecureHttp: false,
      allowPrivateNetwork: false,
    });
  });

  it('reads the download safety switches, off unless given', () => {
    expect(
      parseArguments(['wait', 'task-1', '-d', 'out', '--allow-insecure-http', '--allow-private-network']),
    ).toMatchObject({ allowInsecureHttp: true, allowPrivateNetwork: true });
    expect(parseArguments(['submit', '-m', 'm', '-p', 'p', '-d', 'out', '--allow-private-network'])).toMatchObject({
      allowInsecureHttp: false,
      allowPrivateNetwork: true,
    });
    expect(usage(['status', 'x', '--allow-private-network'])).toEqual({
      message: 'status does not take --allow-private-network',
      command: 'status',
    });
  });

  it('reads submit; --download, --timeout and --expect imply --wait', () => {
    expect(parseArguments(['submit', '--model', 'gpt-image-2', '--prompt', 'a fox'])).toMatchObject({
      name: 'submit',
      model: 'gpt-image-2',
      prompt: 'a fox',
      wait: false,
    });
    expect(parseArguments(['submit', '-m', 'sora-2', '-p', 'waves', '-w'])).toMatchObject({ wait: true });
    expect(parseArguments(['submit', '-m', 'sora-2', '-p', 'waves', '--download', 'out'])).toMatchObject({
      wait: true,
      download: 'out',
    });
    expect(parseArguments(['submit', '-m', 'sora-2', '-p', 'waves', '--timeout', '90s'])).toMatchObject({
      wait: true,
      timeoutMs: 90_000,
    });
  });

  it('reads help and version, overall and per command', () => {
    expect(parseArguments([])).toEqual({ name: 'help', asked: false });
    expect(parseArguments(['--help'])).toEqual({ name: 'help', topic: undefined, asked: true });
    expect(parseArguments(['-h'])).toEqual({ name: 'help', topic: undefined, asked: true });
    expect(parseArguments(['wait', '--help'])).toEqual({ name: 'help', topic: 'wait', asked: true });
    expect(parseArguments(['help', 'submit'])).toEqual({ name: 'help', topic: 'submit', asked: true });
    expect(parseArguments(['--version'])).toEqual({ name: 'version' });
    expect(parseArguments(['-v'])).toEqual({ name: 'version' });
  });

  it('turns every mistake into one usage error, naming the command', () => {
    expect(usage(['frobnicate'])).toEqual({ message: 'unknown command "frobnicate"', command: undefined });
    expect(usage(['wait'])).toEqual({ message: 'wait needs a task id', command: 'wait' });
    expect(usage(['status', 'a', 'b'])).toEqual({ message: 'status takes one task id, got 2', command: 'status' });
    expect(usage(['wait', 'x', '--bogus'])).toEqual({ message: "unknown option '--bogus'", command: 'wait' });
    expect(usage(['wait', 'x', '--timeout'])).toEqual({
      message: "option '--timeout <value>' argument missing",
      command: 'wait',
    });
    expect(usage(['wait', 'x', '--timeout', 'soon'])).toMatchObject({
      command: 'wait',
      message: expect.stringContaining('not a duration'),
    });
    expect(usage(['status', 'x', '--timeout', '1m'])).toEqual({
      message: 'status does not take --timeout',
      command: 'status',
    });
    expect(usage(['wait', 'x', '--prompt', 'p'])).toEqual({ message: 'wait does not take --prompt', command: 'wait' });
    expect(usage(['submit', '--prompt', 'p'])).toEqual({ message: 'submit needs --model', command: 'submit' });
    expect(usage(['submit', '--model', 'm', '--prompt', '  '])).toEqual({
      message: 'submit needs --prompt',
      command: 'submit',
    });
    expect(usage(['submit', '--model', 'm', 'a fox'])).toMatchObject({
      command: 'submit',
      message: expect.stringContaining('--prompt'),
    });
    expect(usage(['wait', 'x', '--download', ''])).toEqual({
      message: '--download needs a directory',
      command: 'wait',
    });
    expect(usage(['help', 'nope'])).toEqual({ message: 'no help for "nope"', command: undefined });
  });

  it('takes a task id that starts with a dash after --', () => {
    expect(parseArguments(['status', '--', '-odd-id'])).toMatchObject({ taskId: '-odd-id' });
  });
});
