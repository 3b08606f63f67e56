import type { Fault, InjectedFault } from '../simulator-types.ts';

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

export interface FaultTarget {
  route: 'status' | 'submit' | 'other';
  taskId?: string;
}

/** Injected faults, consumed first-in first-out among those that match a request. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  add(fault: Fault): InjectedFault {
    validate(fault);
    const entry: QueuedFault = { fault: { ...fault }, remaining: fault.times ?? 1 };
    this.#queue.push(entry);
    const queue = this;
    return {
      remove() {
        entry.remaining = 0;
        queue.#queue = queue.#queue.filter((queued) => queued !== entry);
      },
      get remaining() {
        return entry.remaining;
      },
    };
  }

  take(target: FaultTarget): Fault | undefined {
    const entry = this.#queue.find((queued) => matches(queued.fault, target));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#queue = this.#queue.filter((queued) => queued !== entry);
    return entry.fault;
  }

  clear(): void {
    for (const entry of this.#queue) entry.remaining = 0;
    this.#queue = [];
  }
}

function matches(fault: Fault, target: FaultTarget): boolean {
  const route = fault.route ?? 'any';
  if (route !== 'any' && route !== target.route) return false;
  return fault.taskId === undefined || fault.taskId === target.taskId;
}

function validate(fault: Fault): void {
  const times = fault.times ?? 1;
  if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
    throw new RangeError(`inject: times must be a positive integer or Infinity, got ${times}`);
  }
  if (fault.type === 'status' && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
    throw new RangeError(`inject: status must be an integer from 200 to 599, got ${fault.status}`);
  }
  if (fault.type === 'latency' && !(fault.ms >= 0 && Number.isFinite(fault.ms))) {
    throw new RangeError(`inject: latency ms must be a non-negative number, got ${fault.ms}`);
  }
}
