/**
 * Express only knows the matched route while it dispatches, and `req.baseUrl` holds the concrete
 * mount path (`/users/42/posts`), not its template. Router sets `req.baseUrl` on entering a mounted
 * router (right after `req.params` holds that mount's params) and `req.route` on entering a route:
 * accessors on those two properties see both moments and rebuild the full template.
 */
export function trackRoute(req: { baseUrl?: string; route?: unknown; params?: unknown; url?: string }, onRoute: (template: string) => void): void {
  let baseUrl = req.baseUrl;
  let template = baseUrl ?? '';
  let stack: [string, string][] | undefined; // outer (concrete, template) pairs while inside mounts
  let route: unknown;

  Object.defineProperty(req, 'baseUrl', {
    configurable: true,
    enumerable: true,
    get: () => baseUrl,
    set(next: string | undefined) {
      // Runs inside express's router: it must never throw, whatever value it is given.
      const prev = baseUrl ?? '';
      if (typeof next === 'string' && next !== prev) {
        if (next.startsWith(prev)) {
          (stack ??= []).push([prev, template]);
          template += safeTemplatize(next.slice(prev.length), req.params);
        } else {
          while (stack?.length && stack[stack.length - 1]![0] !== next) stack.pop();
          template = stack?.pop()?.[1] ?? next;
        }
      } else if (typeof next !== 'string') {
        template = '';
        stack = undefined;
      }
      baseUrl = next;
    },
  });
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(next: { path?: unknown } | undefined) {
      route = next;
      try {
        if (next) onRoute(joinPath(template, renderPath(next.path, pathWithinMount(req.url))));
      } catch {
        // a template we cannot render is not worth breaking the request
      }
    },
  });
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
