/**
 * Fixed-capacity FIFO: pushing past capacity drops the oldest entry and counts it.
 * Keeps a long demo or a chatty client from growing memory without bound.
 */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[];
  #start = 0;
  #size = 0;
  #dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, received ${String(capacity)}`);
    }
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** How many entries were evicted to make room since the last `clear()`. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Adds an item; returns true when an older item had to be dropped. */
  push(item: T): boolean {
    const end = (this.#start + this.#size) % this.capacity;
    this.#items[end] = item;
    if (this.#size < this.capacity) {
      this.#size++;
      return false;
    }
    this.#start = (this.#start + 1) % this.capacity;
    this.#dropped++;
    return true;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(this.#start + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#start = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}
