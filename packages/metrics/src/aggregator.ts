import { writeValue } from './format.js';

/** Most distinct (name, type, tags) series held between flushes; later series are sent line by line. */
const MAX_SERIES = 4096;
/** Values one distribution/histogram/timing series holds before its lines are built early (8 bytes each). */
const MAX_VALUES = 1024;
/** The longest a number prints (`-1.2345678901234567e-300`). */
const MAX_VALUE_CHARS = 24;
const COLON = 0x3a;

/** One series' held values; opaque outside the aggregator. */
export interface AggregatedSeries {
  /** `name:` */
  head: string;
  /** `|type|#tags…` */
  tail: string;
  /** Counts: the running sum. */
  sum: number;
  /** Distributions, histograms, timings: the raw values, formatted at flush. Undefined for counts. */
  values: number[] | undefined;
}

/**
 * Client-side aggregation, as Datadog's own clients do it: between flushes, counts of one series
 * are summed and the values of a distribution, histogram or timing series are packed into one
 * line (`name:v1:v2:v3|d|#tags`, DogStatsD protocol 1.1). What the agent computes is unchanged.
 *
 * The per-call path is kept to map lookups and a number push: series are found through nested
 * maps keyed by type, then name, then tag section, so callers that pass the same string instances
 * (cached names, cached tag sections) hash nothing new; values are formatted when lines are built,
 * on the flush timer. Sampled lines and gauges/sets are not aggregated.
 */
export class Aggregator {
  private readonly byType = new Map<string, Map<string, Map<string, AggregatedSeries>>>();
  private size = 0;
  /** Where a line's packed values are written: a separator and one more value past the cap fit. */
  private readonly packed: Buffer;

  constructor(
    /** Longest line to build; packed values that would pass it start a new line. */
    private readonly maxLineBytes: number,
    private readonly emit: (line: string, bytes: number) => void,
  ) {
    this.packed = Buffer.allocUnsafe(maxLineBytes + 1 + MAX_VALUE_CHARS);
  }

  /** Bumped by every flush, which forgets every series: a series held outside (see `find`) is stale then. */
  generation = 0;

  /**
   * Holds `value` for the series `metric`/`type`/`tags` (`tags` is the whole `|#…` section, or '').
   * Counts (`c`) are summed; other types are packed. Returns false when the value is not held (too
   * many series, or a single line would not fit): the caller sends the line itself.
   */
  add(metric: string, type: string, tags: string, value: number): boolean {
    const entry = this.find(metric, type, tags, value);
    if (entry === undefined) return false;
    this.addTo(entry, value);
    return true;
  }

  /**
   * The series `metric`/`type`/`tags`, created if new; undefined when it cannot be held (too many
   * series, or a line with `value` would not fit; without one, the longest a number prints,
   * `MAX_VALUE_CHARS`: what the line buffer leaves room for). Valid until the next flush (`generation` changes): a caller may keep it until then
   * and `addTo` it directly.
   */
  find(metric: string, type: string, tags: string, value?: number): AggregatedSeries | undefined {
    let byName = this.byType.get(type);
    if (byName === undefined) this.byType.set(type, (byName = new Map()));
    let byTags = byName.get(metric);
    if (byTags === undefined) byName.set(metric, (byTags = new Map()));
    let entry = byTags.get(tags);
    if (entry === undefined) {
      const head = `${metric}:`;
      const tail = `|${type}${tags}`;
      if (this.size >= MAX_SERIES || Buffer.byteLength(head) + Buffer.byteLength(tail) + (value === undefined ? MAX_VALUE_CHARS : String(value).length) > this.maxLineBytes) return undefined;
      entry = { head, tail, sum: 0, values: type === 'c' ? undefined : [] };
      byTags.set(tags, entry);
      this.size++;
    }
    return entry;
  }

  /** Adds a finite number to a series `find` returned in the current generation. */
  addTo(entry: AggregatedSeries, value: number): void {
    if (entry.values === undefined) {
      entry.sum += value;
    } else {
      entry.values.push(value);
      if (entry.values.length >= MAX_VALUES) this.emitSeries(entry);
    }
  }

  /** Hands every held series on as lines and forgets them. */
  flush(): void {
    for (const byName of this.byType.values()) for (const byTags of byName.values()) for (const entry of byTags.values()) this.emitSeries(entry);
    this.byType.clear();
    this.size = 0;
    this.generation++;
  }

  /** Builds the series' lines (values packed up to the line cap) and resets what it holds. */
  private emitSeries(entry: AggregatedSeries): void {
    const { head, tail, values } = entry;
    if (values === undefined) {
      const line = `${head}${entry.sum}${tail}`;
      entry.sum = 0;
      this.emit(line, Buffer.byteLength(line));
      return;
    }
    // Values are ASCII: written as bytes, read out as one string per line.
    const packed = this.packed;
    const frame = Buffer.byteLength(head) + Buffer.byteLength(tail);
    let used = 0;
    for (let i = 0; i < values.length; i++) {
      const at = used === 0 ? 0 : used + 1;
      const end = writeValue(packed, at, values[i]!);
      if (used !== 0 && frame + end > this.maxLineBytes) {
        this.emit(`${head}${packed.toString('latin1', 0, used)}${tail}`, frame + used);
        packed.copyWithin(0, at, end);
        used = end - at;
      } else {
        if (used !== 0) packed[used] = COLON;
        used = end;
      }
    }
    if (used !== 0) this.emit(`${head}${packed.toString('latin1', 0, used)}${tail}`, frame + used);
    values.length = 0;
  }
}
