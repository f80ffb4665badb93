import { ROUTE_CACHE_LIMIT, UNMATCHED_ROUTE } from './constants.js';
import type { UserTags } from './types.js';

/**
 * Builds the metric tag list `method, route, status_code, status_class, error` for a request.
 * Lists are cached per (route, method, status) in nested maps, so the hot path builds no key
 * string; they are frozen and shared (callers must not mutate them), which also lets
 * @kennel/metrics reuse its formatted tag section for each list.
 */
export function metricTagBuilder(isErrorStatus: (status: number) => boolean): (method: string, route: string | undefined, status: number) => readonly string[] {
  const byRoute = new Map<string | undefined, Map<string, Map<number, readonly string[]>>>();
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
    let byMethod = byRoute.get(route);
    if (byMethod === undefined) byRoute.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()));
    byStatus.set(status, tags);
    cached++;
    return tags;
  };
}

/** Appends user tags (`key:value`, undefined skipped) to a shared base list without mutating it. */
export function withUserTags(base: readonly string[], extra: UserTags | undefined): readonly string[] {
  if (!extra) return base;
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
