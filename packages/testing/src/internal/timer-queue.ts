export interface Timer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled?: boolean;
}

const before = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.order < b.order);

/**
 * Timers by due time, then by creation order: a binary heap, so that thousands of concurrent
 * waits (the polling benchmark) cost O(log n) per timer instead of a scan. Cancelled timers
 * stay in the heap, marked, until they reach the top.
 */
export class TimerQueue {
  #heap: Timer[] = [];
  // Membership in O(1), so a handle from elsewhere or one already fired is ignored.
  #live = new Set<Timer>();

  get size(): number {
    return this.#live.size;
  }

  add(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    this.#live.add(timer);
    for (let index = heap.length - 1; index > 0; ) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  cancel(timer: Timer): void {
    if (this.#live.delete(timer)) timer.cancelled = true;
  }

  /** The next live timer, left in place. */
  peek(): Timer | undefined {
    while (this.#heap[0]?.cancelled) this.#pop();
    return this.#heap[0];
  }

  /** Removes the next live timer. */
  take(): Timer | undefined {
    const timer = this.peek();
    if (timer) {
      this.#pop();
      this.#live.delete(timer);
    }
    return timer;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let index = 0; ; ) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
  }
}
