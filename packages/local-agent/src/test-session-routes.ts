import type { Route } from './router.js';

/** ddapm-test-agent compatible `/test/session/*` paths. */
export function testSessionRoutes(): Route[] {
  return [];
}
