import { parseArgs } from 'node:util';
import { parseDuration } from './duration.ts';
import { COMMANDS, type CommandName } from './help-text.ts';
import { UsageError } from './usage-error.ts';

interface Common {
  baseUrl?: string;
  json: boolean;
}

export interface WaitSettings {
  timeoutMs?: number;
  model?: string;
  expectMs?: number;
  download?: string;
  /** Downloads may go to http: URLs, and to loopback, private and link-local addresses. */
  allowInsecureHttp?: boolean;
  allowPrivateNetwork?: boolean;
}

export type Command =
  | { name: 'help'; topic?: CommandName; asked: boolean }
  | { name: 'version' }
  | ({ name: 'status'; taskId: string } & Common)
  | ({ name: 'wait'; taskId: string } & Common & WaitSettings)
  | ({ name: 'submit'; model: string; prompt: string; wait: boolean } & Common & WaitSettings);

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'base-url': { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  expect: { type: 'string' },
  model: { type: 'string', short: 'm' },
  download: { type: 'string', short: 'd' },
  prompt: { type: 'string', short: 'p' },
  wait: { type: 'boolean', short: 'w' },
  'allow-insecure-http': { type: 'boolean' },
  'allow-private-network': { type: 'boolean' },
} as const;

const GLOBAL = ['help', 'version', 'base-url'];
const ALLOWED: Record<CommandName, string[]> = {
  status: ['json'],
  wait: ['json', 'timeout', 'expect', 'model', 'download', 'allow-insecure-http', 'allow-private-network'],
  submit: [
    'json',
    'timeout',
    'expect',
    'model',
    'download',
    'allow-insecure-http',
    'allow-private-network',
    'prompt',
    'wait',
  ],
};

const isCommand = (word: string | undefined): word is CommandName => COMMANDS.includes(word as CommandName);

/** Reads the command line (without `node` and the script) into a command, or throws `UsageError`. */
export function parseArguments(argv: readonly string[]): Command {
  const guess = argv.find((word) => !word.startsWith('-'));
  const command = isCommand(guess) ? guess : undefined;
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true; tokens: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // Node's messages go on with advice about `--`; the first sentence is the useful part.
    const message = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), command);
  }
  const { values, positionals, tokens } = parsed;
  const [name, ...operands] = positionals;

  if (name === 'help') {
    if (operands.length > 1 || (operands[0] !== undefined && !isCommand(operands[0])))
      throw new UsageError(`no help for "${operands.join(' ')}"`);
    return { name: 'help', topic: operands[0] as CommandName | undefined, asked: true };
  }
  if (name !== undefined && !isCommand(name)) throw new UsageError(`unknown command "${name}"`);
  if (values.help) return { name: 'help', topic: name, asked: true };
  if (values.version) return { name: 'version' };
  if (name === undefined) return { name: 'help', asked: false };

  for (const token of tokens) {
    if (token.kind === 'option' && !GLOBAL.includes(token.name) && !ALLOWED[name].includes(token.name)) {
      throw new UsageError(`${name} does not take ${token.rawName}`, name);
    }
  }
  const common: Common = { baseUrl: values['base-url'], json: values.json ?? false };
  const duration = (text: string | undefined, flag: string) => {
    try {
      return text === undefined ? undefined : parseDuration(text, flag);
    } catch (error) {
      throw new UsageError((error as Error).message, name);
    }
  };
  const wait: WaitSettings = {
    timeoutMs: duration(values.timeout, '--timeout'),
    expectMs: duration(values.expect, '--expect'),
    model: values.model,
    download: values.download,
    allowInsecureHttp: values['allow-insecure-http'] ?? false,
    allowPrivateNetwork: values['allow-private-network'] ?? false,
  };
  if (wait.download === '') throw new UsageError('--download needs a directory', name);

  if (name === 'submit') {
    if (operands.length > 0)
      throw new UsageError(`unexpected argument "${operands[0]}" (the prompt goes in --prompt)`, name);
    if (!values.model?.trim()) throw new UsageError('submit needs --model', name);
    if (!values.prompt?.trim()) throw new UsageError('submit needs --prompt', name);
    const waits = Boolean(
      values.wait || wait.download !== undefined || wait.timeoutMs !== undefined || wait.expectMs !== undefined,
    );
    return { name, model: values.model.trim(), prompt: values.prompt, wait: waits, ...common, ...wait };
  }
  if (operands.length === 0) throw new UsageError(`${name} needs a task id`, name);
  if (operands.length > 1) throw new UsageError(`${name} takes one task id, got ${operands.length}`, name);
  const taskId = operands[0]!;
  return name === 'status' ? { name, taskId, ...common } : { name, taskId, ...common, ...wait };
}
