import { METRIC_DURATION, METRIC_REQUESTS, UNMATCHED_ROUTE } from './constants.js';
import type { MetricsLike } from './internal-types.js';
import type { SeriesFactory } from './routes.js';
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
 * its two metrics with no name or tag lookup. Route entries (routes.ts) keep what this builds; tag
 * lists are frozen and shared (callers must not mutate them).
 */
export function outcomeSeriesFactory(isErrorStatus: (status: number) => boolean, metrics: MetricsLike): SeriesFactory {
  const bind = (kind: 'increment' | 'distribution', name: string, tags: readonly string[]) =>
    metrics.series ? metrics.series(kind, name, tags) : { record: (value: number) => metrics[kind](name, value, tags) };
  return (method, route, status) => {
    const tags = Object.freeze([
      `method:${method}`,
      `route:${route === undefined ? UNMATCHED_ROUTE : tagValue(route)}`,
      `status_code:${status}`,
      `status_class:${Math.floor(status / 100)}xx`,
      `error:${isErrorStatus(status)}`,
    ]);
    return { tags, requests: bind('increment', METRIC_REQUESTS, tags), duration: bind('distribution', METRIC_DURATION, tags) };
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
