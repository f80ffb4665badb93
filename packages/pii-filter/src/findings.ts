import type { Finding } from './types.js';

/**
 * The findings of one scan as parallel arrays, reused from scan to scan: most lines have none or
 * one, and an object plus a sliced value per finding cost more than the scan that found it.
 * `Finding` objects are built only when a caller asks for them (`detect`, allow lists, custom detectors).
 */
export class Findings {
  count = 0;
  /** Built-in detector names, or custom ones when filled from `Finding`s. */
  readonly detectors: Finding['detector'][] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  push(detector: Finding['detector'], start: number, end: number): void {
    const k = this.count++;
    this.detectors[k] = detector;
    this.starts[k] = start;
    this.ends[k] = end;
  }

  /** Drops the last findings that end after `start` (they overlap a wider one starting there). */
  dropOverlapping(start: number): void {
    while (this.count > 0 && this.ends[this.count - 1]! > start) this.count--;
  }

  /** Replaces the contents with `list`; returns the count. */
  fill(list: readonly Finding[]): number {
    this.count = 0;
    for (const f of list) this.push(f.detector, f.start, f.end);
    return this.count;
  }

  toArray(s: string): Finding[] {
    const out: Finding[] = [];
    for (let k = 0; k < this.count; k++) {
      const start = this.starts[k]!;
      const end = this.ends[k]!;
      out.push({ detector: this.detectors[k]!, start, end, value: s.slice(start, end) });
    }
    return out;
  }
}
