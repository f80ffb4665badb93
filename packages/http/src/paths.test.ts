import { describe, expect, test } from 'vitest';
import { pathMatcher } from './paths.js';

/** The rule stated plainly: the path is the URL up to `?`; exact patterns equal it, `*` patterns start it. */
function reference(patterns: readonly string[], url: string): boolean {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return patterns.some((pattern) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern));
}

describe('pathMatcher', () => {
  const patterns = ['/health', '/healthz', '/ping', '/internal/*', '/a*'];
  const matches = pathMatcher(patterns);

  test('exact paths match with or without a query, and nothing of their length or prefix that differs', () => {
    expect(matches('/health')).toBe(true);
    expect(matches('/healthz?verbose=1')).toBe(true);
    expect(matches('/ping?')).toBe(true);
    expect(matches('/pong')).toBe(false); // the length of /ping, another path
    expect(matches('/health/deep')).toBe(false);
    expect(matches('/healt')).toBe(false);
    expect(matches('/users/42')).toBe(false);
  });

  test('prefix patterns match the path, never what follows the `?`', () => {
    expect(matches('/internal/metrics')).toBe(true);
    expect(matches('/internal/')).toBe(true);
    expect(matches('/internal')).toBe(false);
    expect(matches('/x?next=/internal/metrics')).toBe(false);
    expect(matches('/apps')).toBe(true);
    expect(matches('/?a')).toBe(false);
  });

  test('agrees with the plain rule on every URL built from the patterns and their neighbours', () => {
    const stems = ['', '/', '/a', '/health', '/healthz', '/healthy', '/ping', '/pin', '/internal', '/internal/', '/internal/x', '/b', '/users/42'];
    const tails = ['', '?', '?q=1', '?/internal/x', '/', 'z', 'z?x'];
    const urls = stems.flatMap((stem) => tails.map((tail) => stem + tail));
    for (const list of [patterns, ['/health'], ['/internal/*'], ['*'], ['/', '/?'], ['/?*'], ['']]) {
      const compiled = pathMatcher(list);
      for (const url of urls) expect(compiled(url), `${JSON.stringify(list)} on ${JSON.stringify(url)}`).toBe(reference(list, url));
    }
  });

  test('an empty list matches nothing', () => {
    expect(pathMatcher([])('/health')).toBe(false);
  });
});
