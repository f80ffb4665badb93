import type { AggregatedMetric, MetricRecord } from './types.js';

/** Per-series state: the public view plus the set members behind `unique`. */
interface Series extends AggregatedMetric {
  members?: Set<string>;
}

/** Most set members remembered per series; `unique` saturates there. */
const MAX_SET_MEMBERS = 10_000;

/**
 * Aggregates metric samples per name + type + sorted tags, the way a dashboard would show them:
 * counters sum, gauges keep the last value (applying `+`/`-` deltas), histograms, distributions
 * and timers track count/min/max/avg, sets count distinct members. Bounded by `maxSeries`.
 */
export class MetricAggregator {
  readonly #series = new Map<string, Series>();
  /** Sorted tags and their key part per tags array: the values of a packed line share one array. */
  #sortedTags = new WeakMap<readonly string[], { sorted: string[]; key: string }>();

  /**
   * The series the previous sample went to, with what identifies it: the values of a packed line
   * share their name, type and tags array, so each after the first skips building and hashing a key.
   */
  #last: { tags: readonly string[]; name: string; type: string; series: Series } | undefined;

  constructor(private readonly maxSeries: number) {}

  /** Returns false when the sample starts a new series past `maxSeries` (it is not aggregated). */
  add(metric: MetricRecord): boolean {
    const last = this.#last;
    const series = last !== undefined && last.tags === metric.tags && last.name === metric.name && last.type === metric.type ? last.series : this.#find(metric);
    if (series === undefined) return false;
    series.count++;
    if (metric.type === 's') {
      series.members ??= new Set();
      if (series.members.size < MAX_SET_MEMBERS) series.members.add(metric.setValue ?? String(metric.value));
      series.unique = series.members.size;
      return true;
    }
    const value = metric.type === 'g' && metric.delta ? series.last + metric.value : metric.value;
    series.sum += metric.value;
    series.last = value;
    series.min = series.count === 1 ? value : Math.min(series.min, value);
    series.max = series.count === 1 ? value : Math.max(series.max, value);
    series.avg = series.sum / series.count;
    return true;
  }

  /** The sample's series by name + type + sorted tags, created if there is room; remembered as `#last`. */
  #find(metric: MetricRecord): Series | undefined {
    let sorted = this.#sortedTags.get(metric.tags);
    if (sorted === undefined) {
      const tags = [...metric.tags].sort();
      sorted = { sorted: tags, key: tags.join(',') };
      this.#sortedTags.set(metric.tags, sorted);
    }
    const key = `${metric.type}|${metric.name}|${sorted.key}`;
    let series = this.#series.get(key);
    if (!series) {
      if (this.#series.size >= this.maxSeries) return undefined;
      series = { name: metric.name, type: metric.type, tags: sorted.sorted, count: 0, sum: 0, last: 0, min: 0, max: 0, avg: 0 };
      this.#series.set(key, series);
    }
    this.#last = { tags: metric.tags, name: metric.name, type: metric.type, series };
    return series;
  }

  list(): AggregatedMetric[] {
    return [...this.#series.values()].map(({ members: _members, ...view }) => ({ ...view, tags: [...view.tags] }));
  }

  clear(): void {
    this.#series.clear();
    this.#last = undefined;
  }
}
