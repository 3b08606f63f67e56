import type { TaskScript, WireFile } from '../simulator-types.ts';
import { modelKind } from './model-kind.ts';
import { randomSuffix, scale, type Random } from './random.ts';

/** Everything needed to show a task at any instant; the state is derived from the clock, not stored. */
export interface TaskRecord {
  id: string;
  apiKey: string;
  model: string;
  createdAt: number;
  queuedMs: number;
  durationMs: number;
  outcome: 'finished' | 'failed';
  errorMessage: string;
  files: WireFile[];
  progress: 'linear' | 'stepwise' | 'none';
  /** Cumulative progress at the end of each equal slice of the running time, ending at 1. */
  curve: number[];
  callbackUrl?: string;
  extra: Record<string, unknown>;
}

const CURVE_SEGMENTS = 8;

export interface RecordContext {
  random: Random;
  now: number;
  defaultApiKey: string;
  exists(id: string): boolean;
}

export function createTaskRecord(script: TaskScript, context: RecordContext): TaskRecord {
  const { random, now } = context;
  // Draw the same amount for every task, used or not, so one task's script never shifts the
  // random values of the tasks after it.
  const suffix = randomSuffix(random, 8);
  const queuedDraw = random();
  const durationDraw = random();
  const weights = Array.from({ length: CURVE_SEGMENTS }, () => 0.75 + 0.5 * random());

  const model = script.model ?? 'gpt-image-2';
  const kind = modelKind(model);
  let id = script.id ?? `task-unified-${Math.floor(now / 1000)}-${suffix}`;
  while (script.id === undefined && context.exists(id)) {
    id = `task-unified-${Math.floor(now / 1000)}-${randomSuffix(random, 8)}`;
  }
  if (context.exists(id)) throw new Error(`createTask: a task with id "${id}" already exists`);

  const [minDuration, maxDuration] = kind === 'video' ? [90_000, 300_000] : [15_000, 60_000];
  const record: TaskRecord = {
    id,
    apiKey: script.apiKey ?? context.defaultApiKey,
    model,
    createdAt: now,
    queuedMs: nonNegative('queuedMs', script.queuedMs ?? scale(queuedDraw, 500, 3000)),
    durationMs: nonNegative('durationMs', script.durationMs ?? scale(durationDraw, minDuration, maxDuration)),
    outcome: script.outcome ?? 'finished',
    errorMessage: script.errorMessage ?? 'The prompt violates our content policy',
    files: typeof script.files === 'object' ? script.files.map((file) => ({ ...file })) : [],
    progress: script.progress ?? 'linear',
    curve: cumulative(weights),
    extra: { ...script.extra },
  };
  if (typeof script.files !== 'object') {
    record.files = generatedFiles(id, script.fileType ?? kind, script.files ?? 1);
  }
  if (script.callbackUrl !== undefined) record.callbackUrl = script.callbackUrl;
  return record;
}

export function terminalAt(record: TaskRecord): number {
  return record.createdAt + record.queuedMs + record.durationMs;
}

const EXTENSIONS: Record<string, string> = { image: 'jpg', video: 'mp4', audio: 'mp3' };

function generatedFiles(id: string, fileType: string, count: number): WireFile[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`createTask: files must be a non-negative integer, got ${count}`);
  const stem = (id.split('-').pop() ?? id).replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'file';
  const extension = EXTENSIONS[fileType] ?? 'bin';
  return Array.from({ length: count }, (_, index) => ({
    file_url: `https://storage.vidgo.ai/generated/${fileType}-${stem}-${index + 1}.${extension}`,
    file_type: fileType,
  }));
}

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight) / total);
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value))
    throw new RangeError(`createTask: ${name} must be a non-negative number, got ${value}`);
  return value;
}
