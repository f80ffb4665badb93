import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentStore } from './store.js';

/** What every route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters: the part of the path after a prefix route. */
  rest: string;
  store: AgentStore;
  /** ddapm-test-agent session token (header or query), if the client sent one. */
  sessionToken: string | undefined;
  /** Reads the body within the configured size limit (413 otherwise). */
  body(): Promise<Buffer>;
}

export interface Route {
  methods: readonly string[];
  /** The exact path, or with `prefix` the start of the path. */
  path: string;
  prefix?: boolean;
  handle(ctx: RouteContext): void | Promise<void>;
}

/** Finds the route for a method + path: exact paths first, then the longest matching prefix. */
export function findRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; rest: string } | 'method' | undefined {
  let best: { route: Route; rest: string } | undefined;
  let methodMismatch = false;
  for (const route of routes) {
    const prefix = route.prefix ? route.path : undefined;
    const matches = prefix === undefined ? pathname === route.path : pathname.startsWith(prefix);
    if (!matches) continue;
    if (!route.methods.includes(method)) {
      methodMismatch = true;
      continue;
    }
    const rest = prefix === undefined ? '' : pathname.slice(prefix.length);
    if (prefix === undefined) return { route, rest };
    if (!best || route.path.length > best.route.path.length) best = { route, rest };
  }
  return best ?? (methodMismatch ? 'method' : undefined);
}
