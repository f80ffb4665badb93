/** Folds metric samples from the agent into one series per metric name, for the table and chart. */

/** A DogStatsD sample as the local agent stores and streams it (`MetricRecord`), or an aggregate. */
export interface MetricSample {
  name: string;
  type: string;
  value?: number;
  sum?: number;
  last?: number;
  receivedAt?: number;
}

export interface Series {
  name: string;
  type: string;
  /** Counters: running total; everything else: the last value. */
  value: number;
  samples: number;
  points: Array<{ t: number; v: number }>;
}

const MAX_POINTS = 120;
const MAX_SERIES = 200;

export class MetricBoard {
  readonly series = new Map<string, Series>();

  add(sample: MetricSample): Series | undefined {
    if (!sample || typeof sample.name !== 'string') return undefined;
    const isAggregate = sample.sum !== undefined || sample.last !== undefined;
    const raw = isAggregate ? (sample.type === 'c' ? sample.sum : sample.last) : sample.value;
    if (typeof raw !== 'number' || Number.isNaN(raw)) return undefined;
    let s = this.series.get(sample.name);
    if (!s) {
      if (this.series.size >= MAX_SERIES) return undefined;
      s = { name: sample.name, type: sample.type, value: 0, samples: 0, points: [] };
      this.series.set(sample.name, s);
    }
    s.value = sample.type === 'c' ? s.value + raw : raw;
    s.samples += 1;
    s.points.push({ t: sample.receivedAt ?? Date.now(), v: s.value });
    if (s.points.length > MAX_POINTS) s.points.shift();
    return s;
  }

  clear() {
    this.series.clear();
  }
}

/** Formats a metric value compactly: integers as is, others with up to 3 decimals. */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}
