import type { CallbackLogEntry } from '../simulator-types.ts';
import type { Clock } from '../virtual-clock.ts';
import { terminalAt, type TaskRecord } from './task-record.ts';
import { wireTask } from './task-state.ts';

export interface CallbackOptions {
  clock: Clock;
  shape: 'envelope' | 'flat';
  fetch?: typeof fetch;
}

/** POSTs each task's callback once, at the instant it becomes terminal; failures are logged, never thrown. */
export class CallbackDeliveries {
  readonly log: CallbackLogEntry[] = [];
  #timers = new Set<unknown>();
  // Deliveries in flight across a reset must not write into the fresh log.
  #generation = 0;
  readonly #options: CallbackOptions;

  constructor(options: CallbackOptions) {
    this.#options = options;
  }

  schedule(record: TaskRecord): void {
    const url = record.callbackUrl;
    if (url === undefined) return;
    const { clock } = this.#options;
    const handle = clock.setTimeout(() => {
      this.#timers.delete(handle);
      void this.#deliver(record, url);
    }, terminalAt(record) - clock.now());
    this.#timers.add(handle);
  }

  /** Cancels deliveries not yet due and forgets the log. */
  reset(): void {
    for (const handle of this.#timers) this.#options.clock.clearTimeout(handle);
    this.#timers.clear();
    this.log.length = 0;
    this.#generation += 1;
  }

  async #deliver(record: TaskRecord, url: string): Promise<void> {
    const { clock, shape } = this.#options;
    const at = clock.now();
    const generation = this.#generation;
    const remember = (entry: CallbackLogEntry): void => {
      if (generation === this.#generation) this.log.push(entry);
    };
    const task = wireTask(record, at);
    let body: unknown = { code: 200, data: task };
    if (shape === 'flat') {
      const { progress: _progress, ...flat } = task;
      body = flat;
    }
    // Looked up per delivery and called unbound, so a fetch patched later (msw) is the one used.
    const send = this.#options.fetch ?? ((input, init) => fetch(input, init));
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      // Release the connection: nobody reads a callback's answer.
      void response.body?.cancel().catch(() => {});
      remember({ url, taskId: record.id, status: response.status, at });
    } catch (error) {
      remember({
        url,
        taskId: record.id,
        status: 'error',
        error: error instanceof Error ? error.message : String(error),
        at,
      });
    }
  }
}
