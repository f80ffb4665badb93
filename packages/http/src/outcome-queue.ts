import type { RouteEntry } from './routes.js';

/** Most request outcomes held before they are recorded. */
export const OUTCOME_QUEUE_CAPACITY = 256;

/** What the queue needs of the metrics client (@kennel/metrics' `onFlush`). */
export type FlushSubscriber = (listener: () => void) => (() => void) | undefined;

/**
 * Request outcomes held for a while, then their metrics recorded in one loop. Recording a request's
 * metrics (its outcome's series found, counted, the duration added) is code run once a request, and
 * over loopback under load such code is fetched cold every time: it costs several times what the same
 * code costs run back to back (BENCHMARKS.md in @kennel/express). Held in flat arrays, so a waiting
 * outcome is two numbers and two references, no object. Recorded when the queue is full and at the
 * start of every flush of the metrics client (periodic, `flush()`, the last one at shutdown), so a
 * flush sends what it would have sent had each been recorded at once.
 */
export class OutcomeQueue {
  private readonly entries: (RouteEntry | undefined)[] = new Array<RouteEntry | undefined>(OUTCOME_QUEUE_CAPACITY).fill(undefined);
  private readonly methods: string[] = new Array<string>(OUTCOME_QUEUE_CAPACITY).fill('');
  private readonly statuses = new Int32Array(OUTCOME_QUEUE_CAPACITY);
  private readonly durations = new Float64Array(OUTCOME_QUEUE_CAPACITY);
  private size = 0;
  /** Removes the flush listener; set while outcomes wait. An idle queue holds no listener on the client. */
  private unsubscribe: (() => void) | undefined = undefined;
  /** The client holds nothing between flushes (mock mode, `aggregate: false`, shut down): nothing is held here either. */
  private refused = false;
  private readonly flushed = () => {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.drain();
  };

  constructor(
    private readonly subscribe: FlushSubscriber,
    private readonly contain: (where: string, error: unknown) => void,
  ) {}

  /** Holds one outcome; false when it is not held (the caller records it at once). */
  push(entry: RouteEntry, method: string, status: number, durationMs: number): boolean {
    if (this.unsubscribe === undefined && !this.listen()) return false;
    const at = this.size;
    this.entries[at] = entry;
    this.methods[at] = method;
    this.statuses[at] = status;
    this.durations[at] = durationMs;
    if (++this.size === OUTCOME_QUEUE_CAPACITY) this.drain();
    return true;
  }

  /** Records every held outcome. */
  drain(): void {
    const count = this.size;
    this.size = 0;
    for (let i = 0; i < count; i++) {
      const entry = this.entries[i]!;
      this.entries[i] = undefined;
      try {
        entry.record(this.methods[i]!, this.statuses[i]!, this.durations[i]!);
      } catch (error) {
        this.contain('finish', error);
      }
    }
  }

  private listen(): boolean {
    if (this.refused) return false;
    try {
      this.unsubscribe = this.subscribe(this.flushed);
    } catch (error) {
      this.contain('finish', error);
    }
    if (this.unsubscribe === undefined) this.refused = true;
    return !this.refused;
  }
}
