import { METRIC_DURATION, METRIC_REQUESTS, ROUTE_CACHE_LIMIT, UNMATCHED_ROUTE } from './constants.js';
import type { MetricsLike } from './internal-types.js';
import type { UserTags } from './types.js';

/** A request outcome's metric tags, and its two metric series bound to them. */
export interface OutcomeSeries {
  readonly tags: readonly string[];
  readonly requests: { record(value: number): void };
  readonly duration: { record(value: number): void };
}

/**
 * The metric tags `method, route, status_code, status_class, error` of a request outcome, with the
 * `http.server.requests` and `http.server.duration` series bound to them: a request then records
 * its two metrics with no name or tag lookup. Cached per (route, method, status) in nested maps, so
 * the hot path builds no key string; tag lists are frozen and shared (callers must not mutate them).
 */
export function outcomeSeriesBuilder(isErrorStatus: (status: number) => boolean, metrics: MetricsLike): (method: string, route: string | undefined, status: number) => OutcomeSeries {
  const bind = (kind: 'increment' | 'distribution', name: string, tags: readonly string[]) =>
    metrics.series ? metrics.series(kind, name, tags) : { record: (value: number) => metrics[kind](name, value, tags) };
  const byRoute = new Map<string | undefined, Map<string, Map<number, OutcomeSeries>>>();
  let cached = 0;
  return (method, route, status) => {
    const hit = byRoute.get(route)?.get(method)?.get(status);
    if (hit !== undefined) return hit;
    if (cached >= ROUTE_CACHE_LIMIT) {
      byRoute.clear();
      cached = 0;
    }
    const tags = Object.freeze([
      `method:${method}`,
      `route:${route === undefined ? UNMATCHED_ROUTE : tagValue(route)}`,
      `status_code:${status}`,
      `status_class:${Math.floor(status / 100)}xx`,
      `error:${isErrorStatus(status)}`,
    ]);
    const series: OutcomeSeries = { tags, requests: bind('increment', METRIC_REQUESTS, tags), duration: bind('distribution', METRIC_DURATION, tags) };
    let byMethod = byRoute.get(route);
    if (byMethod === undefined) byRoute.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()));
    byStatus.set(status, series);
    cached++;
    return series;
  };
}

/** Appends user tags (`key:value`, undefined skipped) to a shared base list without mutating it. */
export function withUserTags(base: readonly string[], extra: UserTags): readonly string[] {
  const out = base.slice();
  for (const key in extra) {
    const value = extra[key];
    if (value !== undefined) out.push(`${tagValue(key)}:${tagValue(String(value))}`);
  }
  return out;
}

/** DogStatsD separators (`|`, `,`, `#`) and whitespace would corrupt the datagram. */
function tagValue(text: string): string {
  return text.replace(/[|,#\s]/g, '_');
}
