import { TAG_HTTP_ROUTE, TAG_RESOURCE, UNMATCHED_ROUTE } from './constants.js';
import type { SpanLike, TracingLike } from './internal-types.js';

/**
 * The request's web span. Inside framework middleware the active span may be a middleware span
 * (dd-trace's express plugin with `middleware: true`), so walk to the local root of the trace.
 * dd-trace keeps started spans on the context's trace (`_trace.started[0]` is the local root);
 * read defensively, falling back to the active span.
 */
export function webSpan(tracing: TracingLike): SpanLike | undefined {
  const active = tracing.activeSpan();
  if (active === undefined) return undefined;
  const root = (active.context() as { _trace?: { started?: unknown[] } })._trace?.started?.[0] as SpanLike | undefined;
  return root && typeof root.setTag === 'function' ? root : active;
}

/** Reads a tag back when the span supports it (dd-trace's span context does). */
export function spanTag(span: SpanLike, key: string): unknown {
  const context = span.context();
  return typeof context.getTag === 'function' ? context.getTag(key) : undefined;
}

/**
 * `METHOD /route/:template` as resource and `http.route`, unless someone set them first.
 * Unmatched requests become `METHOD unmatched` (dd-trace would say `GET /*` on fastify, which
 * reads like a real wildcard route) and get no `http.route`: it is a template or nothing.
 */
export function nameSpan(span: SpanLike, method: string, route: string | undefined): void {
  if (!spanTag(span, TAG_RESOURCE)) span.setTag(TAG_RESOURCE, `${method} ${route ?? UNMATCHED_ROUTE}`);
  if (route !== undefined && !spanTag(span, TAG_HTTP_ROUTE)) span.setTag(TAG_HTTP_ROUTE, route);
}

/**
 * At span finish, for a request no route matched: dd-trace has named it plain `METHOD` by then,
 * which kennel's fixed `METHOD unmatched` replaces; a name anyone else chose is kept.
 */
export function nameUnmatched(span: SpanLike, method: string): void {
  const current = spanTag(span, TAG_RESOURCE);
  if (!current || current === method) span.setTag(TAG_RESOURCE, `${method} ${UNMATCHED_ROUTE}`);
}
