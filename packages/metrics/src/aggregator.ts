/** Most distinct (name, type, tags) series held between flushes; later series are sent line by line. */
const MAX_SERIES = 4096;

interface Series {
  /** `name:` */
  head: string;
  /** `|type|#tags…` */
  tail: string;
  /** Summed value (counts) or `:`-joined values (distributions, histograms, timings). */
  value: number | string;
  bytes: number;
}

/**
 * Client-side aggregation, as Datadog's own clients do it: between flushes, counts of one series
 * are summed and the values of a distribution, histogram or timing series are packed into one
 * line (`name:v1:v2:v3|d|#tags`, DogStatsD protocol 1.1). What the agent computes is unchanged;
 * bytes, string building and datagram sends per call drop by an order of magnitude for hot series
 * such as per-request metrics. Sampled lines and gauges/sets are not aggregated.
 */
export class Aggregator {
  private readonly series = new Map<string, Series>();

  constructor(
    /** Longest line to build; a packed line reaching it is handed on and a new one started. */
    private readonly maxLineBytes: number,
    private readonly emit: (line: string, bytes: number) => void,
  ) {}

  /**
   * `head` is `name:`, `tail` is `|type` plus the tag section; `sum` for counts, else values are packed.
   * Returns false when the value is not held (too many series, or a single line would not fit):
   * the caller sends the line itself.
   */
  add(head: string, value: number, tail: string, sum: boolean): boolean {
    const key = head + tail;
    const entry = this.series.get(key);
    if (entry === undefined) {
      const text = String(value);
      const bytes = Buffer.byteLength(head) + Buffer.byteLength(tail) + text.length;
      if (this.series.size >= MAX_SERIES || bytes > this.maxLineBytes) return false;
      this.series.set(key, { head, tail, value: sum ? value : text, bytes });
      return true;
    }
    if (typeof entry.value === 'number') {
      entry.value += value;
      return true;
    }
    const text = String(value);
    if (entry.bytes + 1 + text.length > this.maxLineBytes) {
      this.emitSeries(entry);
      entry.value = text;
      entry.bytes = Buffer.byteLength(entry.head) + Buffer.byteLength(entry.tail) + text.length;
      return true;
    }
    entry.value += `:${text}`;
    entry.bytes += 1 + text.length;
    return true;
  }

  /** Hands every held series on as one line and forgets them. */
  flush(): void {
    for (const entry of this.series.values()) this.emitSeries(entry);
    this.series.clear();
  }

  private emitSeries(entry: Series): void {
    // A sum can grow a few digits past the measured size: measure the final line.
    const line = `${entry.head}${entry.value}${entry.tail}`;
    this.emit(line, typeof entry.value === 'number' ? Buffer.byteLength(line) : entry.bytes);
  }
}
