import { IncomingMessage } from 'node:http';

/**
 * Express only knows the matched route while it dispatches, and `req.baseUrl` holds the concrete
 * mount path (`/users/42/posts`), not its template. Router sets `req.baseUrl` on entering a mounted
 * router (right after `req.params` holds that mount's params) and `req.route` on entering a route:
 * accessors on those two properties see both moments and rebuild the full template.
 *
 * The accessors live on express's request prototype, installed once: accessors defined
 * on each request object would give every request its own hidden class and slow express down
 * (measured: ~11 µs per request). A tracked request's state sits behind a symbol, its one own
 * property from kennel: `req.kennel` is an accessor there too, reading the tracker's owner.
 */
const TRACKER = Symbol('kennel.express.route');
/** Where a request kennel does not track keeps what the router writes: no object per request. */
const UNTRACKED_BASE = Symbol('kennel.express.untracked.baseUrl');
const UNTRACKED_ROUTE = Symbol('kennel.express.untracked.route');

interface RouteCarrier {
  baseUrl?: string | undefined;
  route?: unknown;
  params?: unknown;
  url?: string | undefined;
  kennel?: unknown;
  /** null: tracked without a tracker (the request had no express prototype to follow it through). */
  [TRACKER]?: RouteTracker | null;
  [UNTRACKED_BASE]?: string | undefined;
  [UNTRACKED_ROUTE]?: unknown;
}

const patched = new WeakSet<object>();
/** The last request prototype seen and its shared prototype: nearly every request has the one before's. */
let lastDirect: object | null = null;
let lastShared: object | null = null;

/**
 * Follows `req` through express's routing; calls `onRoute(owner, template, tracerNamesRoute)` with
 * the full template as each route is entered (`tracerNamesRoute`: see `RouteTracker`). `owner` is
 * handed back rather than closed over: no closure per request.
 * It is also what `req.kennel` reads. Returns false when `req` has no express prototype to track it
 * through (then `req.kennel` is the caller's to set). `onBlindMount(path)` hears of tracking that
 * begins inside a mount with no params to map its concrete path back to a template.
 * `upcomingPrototype` is the prototype express is about to give `req` (its app's `request`), where
 * tracking begins before it has it.
 */
export function trackRoute<Owner>(
  req: RouteCarrier,
  owner: Owner,
  onRoute: (owner: Owner, template: string, tracerNamesRoute: boolean) => void,
  onBlindMount?: (path: string) => void,
  upcomingPrototype?: object,
): boolean {
  const proto = patchedPrototype(upcomingPrototype ?? (Object.getPrototypeOf(req) as object | null));
  if (proto === null) {
    req[TRACKER] = null;
    return false;
  }
  // What the router wrote before tracking began moves into the tracker: own data properties (set
  // before the first patch, or directly on the object) would hide the accessors.
  const base = Object.hasOwn(req, 'baseUrl') ? (takeOwn(req, 'baseUrl') as string | undefined) : req[UNTRACKED_BASE];
  const route = Object.hasOwn(req, 'route') ? takeOwn(req, 'route') : req[UNTRACKED_ROUTE];
  const tracker = new RouteTracker(base, req, owner, onRoute as RouteListener);
  req[TRACKER] = tracker;
  if (base && tracker.template === base && !hasParams(req.params)) onBlindMount?.(base);
  // Tracking that begins inside a route (kennel's middleware among the route's handlers) names it now.
  if (route !== undefined) tracker.setRoute(route);
  return true;
}

/**
 * Whether kennel already tracks `req`: an instrumented app mounted inside another, or kennel's
 * middleware installed twice. The first to see the request tracks it; its tracker follows the
 * request through the inner mounts, so the full template is still found.
 */
export function isTracked(req: RouteCarrier): boolean {
  return req[TRACKER] !== undefined;
}

/** express's shared request prototype behind `direct` (a request's prototype), with the accessors installed; null when there is none. */
function patchedPrototype(direct: object | null): object | null {
  if (direct === lastDirect) return lastShared;
  const shared = sharedPrototype(direct);
  if (shared !== null && !patched.has(shared)) patch(shared);
  lastDirect = direct;
  lastShared = shared;
  return shared;
}

/**
 * express's own request prototype, shared by every app and sub-app of that express copy
 * (req → app.request → express request → http.IncomingMessage.prototype): patching it keeps the
 * accessors in place while a mounted sub-app swaps `app.request` under the request.
 */
function sharedPrototype(direct: object | null): object | null {
  let proto = direct;
  // A request express has not given its prototype yet has none of its own to patch.
  while (proto !== null && proto !== IncomingMessage.prototype) {
    const parent = Object.getPrototypeOf(proto) as object | null;
    if (parent === null || parent === Object.prototype || parent === IncomingMessage.prototype) return proto;
    proto = parent;
  }
  return null;
}

function hasParams(params: unknown): boolean {
  if (!params || typeof params !== 'object') return false;
  for (const _ in params) return true;
  return false;
}

function takeOwn(req: RouteCarrier, key: 'baseUrl' | 'route'): unknown {
  const value = req[key];
  delete req[key];
  return value;
}

function patch(proto: object): void {
  patched.add(proto);
  Object.defineProperty(proto, 'baseUrl', {
    configurable: true,
    enumerable: true,
    get(this: RouteCarrier) {
      const tracker = this[TRACKER];
      return tracker ? tracker.baseUrl : this[UNTRACKED_BASE];
    },
    set(this: RouteCarrier, next: string | undefined) {
      const tracker = this[TRACKER];
      if (tracker) tracker.setBase(next);
      else this[UNTRACKED_BASE] = next;
    },
  });
  Object.defineProperty(proto, 'route', {
    configurable: true,
    enumerable: true,
    get(this: RouteCarrier) {
      const tracker = this[TRACKER];
      return tracker ? tracker.route : this[UNTRACKED_ROUTE];
    },
    set(this: RouteCarrier, next: unknown) {
      const tracker = this[TRACKER];
      if (tracker) tracker.setRoute(next);
      else this[UNTRACKED_ROUTE] = next;
    },
  });
  // The tracker's owner. An app's own assignment becomes the request's own property, which wins.
  Object.defineProperty(proto, 'kennel', {
    configurable: true,
    enumerable: true,
    get(this: RouteCarrier) {
      return this[TRACKER]?.owner;
    },
    set(this: RouteCarrier, value: unknown) {
      Object.defineProperty(this, 'kennel', { configurable: true, enumerable: true, writable: true, value });
    },
  });
}

type RouteListener = (owner: unknown, template: string, tracerNamesRoute: boolean) => void;

/** One request's mount stack and route. Runs inside express's router: it never throws. */
class RouteTracker {
  // Declared only and assigned once in the constructor, as @kennel/http's TrackedRequest (see there):
  // no separate field initializer to run on every request.
  declare template: string;
  declare route: unknown;
  /** Outer (concrete, template) pairs while inside mounts. A plain field: a #private one costs an allocation per request. */
  declare private stack: [string, string][] | undefined;
  /** The mount template and URL `route` was last rendered at. */
  declare private renderedIn: string | undefined;
  declare private renderedUrl: string | undefined;
  declare baseUrl: string | undefined;
  declare private readonly req: RouteCarrier;
  declare readonly owner: unknown;
  declare private readonly onRoute: RouteListener;

  constructor(baseUrl: string | undefined, req: RouteCarrier, owner: unknown, onRoute: RouteListener) {
    // Tracking that begins inside a mount (kennel's middleware in a mounted router, an instrumented
    // sub-app) starts from its concrete path: mapped back to `:name` where the request's params
    // hold the mount's values (a sub-app, a router with `mergeParams`).
    this.template = baseUrl ? safeTemplatize(baseUrl, req.params) : '';
    this.route = undefined;
    this.stack = undefined;
    this.renderedIn = undefined;
    this.renderedUrl = undefined;
    this.baseUrl = baseUrl;
    this.req = req;
    this.owner = owner;
    this.onRoute = onRoute;
  }

  setBase(next: string | undefined): void {
    const prev = this.baseUrl ?? '';
    if (typeof next === 'string' && next !== prev) {
      if (next.startsWith(prev)) {
        (this.stack ??= []).push([prev, this.template]);
        this.template += safeTemplatize(next.slice(prev.length), this.req.params);
      } else {
        const stack = this.stack;
        while (stack?.length && stack[stack.length - 1]![0] !== next) stack.pop();
        this.template = stack?.pop()?.[1] ?? next;
      }
    } else if (typeof next !== 'string') {
      this.template = '';
      this.stack = undefined;
    }
    this.baseUrl = next;
  }

  setRoute(next: unknown): void {
    const url = this.req.url;
    // express sets `req.route` twice for each route it enters (the router, then the route's own
    // dispatch): the second, same route at the same place, has nothing new to render.
    if (next === this.route && this.template === this.renderedIn && url === this.renderedUrl) return;
    this.route = next;
    this.renderedIn = undefined;
    try {
      if (next && typeof next === 'object') {
        const path = (next as { path?: unknown }).path;
        this.onRoute(this.owner, joinPath(this.template, renderPath(path, pathWithinMount(url))), this.tracerNamesRoute(path));
        this.renderedIn = this.template;
        this.renderedUrl = url;
      }
    } catch {
      // a template we cannot render is not worth breaking the request
    }
  }

  /**
   * Whether dd-trace's express instrumentation records this route's own template as `http.route`
   * too: a route path written as a string, entered outside any mount (a path-scoped middleware
   * counts: dd-trace keeps the longer of the paths it saw). kennel's telemetry then checks that
   * tag at the span's finish instead of adding it while routing (see @kennel/http's `setRoute`).
   */
  private tracerNamesRoute(path: unknown): boolean {
    return typeof path === 'string' && this.template === '' && this.stack === undefined;
  }
}

function safeTemplatize(concrete: string, params: unknown): string {
  try {
    return templatize(concrete, params);
  } catch {
    return concrete;
  }
}

/** Replaces concrete segments of a mount path with `:name` when they equal a param value. */
export function templatize(concrete: string, params: unknown): string {
  if (!params || typeof params !== 'object') return concrete;
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string' && value !== '') names.set(value, name);
  if (names.size === 0) return concrete;
  return concrete
    .split('/')
    .map((segment) => {
      const name = names.get(safeDecode(segment));
      return name === undefined ? segment : `:${name}`;
    })
    .join('/');
}

/** A route path as a template: strings as written, regexes as `/source/`, arrays as the entry that matched. */
export function renderPath(path: unknown, concrete: string): string {
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return String(path);
  if (Array.isArray(path)) {
    const hit = path.find((p) => (p instanceof RegExp ? p.test(concrete) : typeof p === 'string' && sameShape(p, concrete)));
    return hit === undefined ? path.map((p) => renderPath(p, concrete)).join('|') : renderPath(hit, concrete);
  }
  return String(path);
}

/** Literal segments equal and the same number of segments; `:param` segments match anything. */
function sameShape(template: string, concrete: string): boolean {
  const t = template.split('/');
  const c = concrete.split('/');
  if (t.length !== c.length) return false;
  return t.every((seg, i) => seg.startsWith(':') || seg === c[i]);
}

function joinPath(base: string, path: string): string {
  if (base === '' || base === '/') return path;
  if (path === '/' || path === '') return base;
  return base.endsWith('/') && path.startsWith('/') ? base + path.slice(1) : base + path;
}

function pathWithinMount(url: string | undefined): string {
  if (!url) return '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
