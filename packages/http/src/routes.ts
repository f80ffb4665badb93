import { ROUTE_CACHE_LIMIT, UNMATCHED_ROUTE } from './constants.js';
import type { OutcomeSeries } from './metric-tags.js';

/** Builds the metric series of one request outcome. */
export type SeriesFactory = (method: string, route: string | undefined, status: number) => OutcomeSeries;

/**
 * What kennel keeps for one route template (undefined: no route matched): its span resource per
 * method and its metric series per method and status. A request finds its route's entry once and
 * asks it twice. Most routes answer one method with one status, so the last answer of each kind is
 * also kept in fields: most requests read those instead of two or three maps, and touch less memory
 * on the request path, which over loopback is much of what per-request work costs (BENCHMARKS.md in
 * @kennel/fastify).
 */
export class RouteEntry {
  private resourceMethod: string | undefined = undefined;
  private resourceName = '';
  private seriesMethod: string | undefined = undefined;
  private seriesStatus = 0;
  private lastSeries: OutcomeSeries | undefined = undefined;
  private readonly resources = new Map<string, string>();
  private readonly series = new Map<string, Map<number, OutcomeSeries>>();

  constructor(
    readonly template: string | undefined,
    private readonly table: RouteTable,
  ) {}

  /** `METHOD /route/:template`, or `METHOD unmatched`: one string per route and method. */
  resource(method: string): string {
    if (method === this.resourceMethod) return this.resourceName;
    let name = this.resources.get(method);
    if (name === undefined) this.resources.set(method, (name = `${method} ${this.template ?? UNMATCHED_ROUTE}`));
    this.resourceMethod = method;
    this.resourceName = name;
    return name;
  }

  /** Records one request of this route: counted, and its duration (ms) in the outcome's distribution. */
  record(method: string, status: number, durationMs: number): void {
    const series = this.outcome(method, status);
    series.requests.record(1);
    series.duration.record(durationMs);
  }

  /** The metric series of this route's outcome `method`/`status`. */
  outcome(method: string, status: number): OutcomeSeries {
    if (status === this.seriesStatus && method === this.seriesMethod) return this.lastSeries!;
    let byStatus = this.series.get(method);
    if (byStatus === undefined) this.series.set(method, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (series === undefined) byStatus.set(status, (series = this.table.newSeries(method, this.template, status)));
    this.seriesMethod = method;
    this.seriesStatus = status;
    this.lastSeries = series;
    return series;
  }
}

/**
 * The route entries of one telemetry. Entries and series together are bounded: past
 * `ROUTE_CACHE_LIMIT` the table starts over (an entry a request still holds stays usable).
 */
export class RouteTable {
  private readonly entries = new Map<string | undefined, RouteEntry>();
  private held = 0;

  constructor(private readonly seriesFactory: SeriesFactory | undefined) {}

  entry(template: string | undefined): RouteEntry {
    let entry = this.entries.get(template);
    if (entry === undefined) {
      this.hold();
      this.entries.set(template, (entry = new RouteEntry(template, this)));
    }
    return entry;
  }

  /** @internal for RouteEntry */
  newSeries(method: string, route: string | undefined, status: number): OutcomeSeries {
    if (this.seriesFactory === undefined) throw new Error('route series asked of a telemetry without metrics');
    this.hold();
    return this.seriesFactory(method, route, status);
  }

  private hold(): void {
    if (++this.held > ROUTE_CACHE_LIMIT) {
      this.entries.clear();
      this.held = 1;
    }
  }
}
