import { UNMATCHED_ROUTE } from './constants.js';
import type { UserTags } from './types.js';

/** Upper bound on cached tag lists; route templates are bounded, but a buggy caller must not grow memory. */
const MAX_CACHED = 2000;

/**
 * Builds the metric tag list `method, route, status_code, status_class, error` for a request.
 * Lists are cached per (method, route, status) and shared: callers must not mutate them.
 */
export function metricTagBuilder(isErrorStatus: (status: number) => boolean): (method: string, route: string | undefined, status: number) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (method, route, status) => {
    const key = `${method} ${status} ${route ?? ''}`;
    let tags = cache.get(key);
    if (tags === undefined) {
      if (cache.size >= MAX_CACHED) cache.clear();
      tags = Object.freeze([
        `method:${method}`,
        `route:${route === undefined ? UNMATCHED_ROUTE : tagValue(route)}`,
        `status_code:${status}`,
        `status_class:${Math.floor(status / 100)}xx`,
        `error:${isErrorStatus(status)}`,
      ]);
      cache.set(key, tags);
    }
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
