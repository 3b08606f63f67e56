import type { TaskScript, WireTask } from '../simulator-types.ts';
import type { Clock } from '../virtual-clock.ts';
import type { CallbackDeliveries } from './callback-deliveries.ts';
import { createRandom, type Random } from './random.ts';
import { createTaskRecord, type TaskRecord } from './task-record.ts';
import { wireTask } from './task-state.ts';

export interface TaskStoreOptions {
  clock: Clock;
  seed: number;
  apiKeys: ReadonlySet<string>;
  callbacks: CallbackDeliveries;
}

/** The simulator's tasks, created from scripts with seeded defaults. */
export class TaskStore {
  #tasks = new Map<string, TaskRecord>();
  #random: Random;
  readonly #options: TaskStoreOptions;
  readonly #defaultApiKey: string;

  constructor(options: TaskStoreOptions) {
    this.#options = options;
    this.#random = createRandom(options.seed);
    const [first] = options.apiKeys;
    if (first === undefined) throw new Error('createVidgoSimulator: apiKeys must hold at least one key');
    this.#defaultApiKey = first;
  }

  create(script: TaskScript = {}): string {
    const { clock, apiKeys, callbacks } = this.#options;
    if (script.apiKey !== undefined && !apiKeys.has(script.apiKey)) {
      // The message leaves the key out: test output gets pasted into issues.
      throw new Error("createTask: apiKey is not one of the simulator's apiKeys");
    }
    const record = createTaskRecord(script, {
      random: this.#random,
      now: clock.now(),
      defaultApiKey: this.#defaultApiKey,
      exists: (id) => this.#tasks.has(id),
    });
    this.#tasks.set(record.id, record);
    callbacks.schedule(record);
    return record.id;
  }

  get(id: string): TaskRecord | undefined {
    return this.#tasks.get(id);
  }

  wire(id: string): WireTask | undefined {
    const record = this.#tasks.get(id);
    return record && wireTask(record, this.#options.clock.now());
  }

  reset(): void {
    this.#tasks.clear();
    this.#random = createRandom(this.#options.seed);
  }
}
