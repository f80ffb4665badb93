import { TAG_HTTP_ROUTE, TAG_RESOURCE } from './constants.js';
import { charCodes, codesToString, writeHexByte } from './hex.js';
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

const ZERO_HIGH = '0'.repeat(16);
/** The char codes of a trace id's 32 hex digits, written in place for each id. */
const digits = charCodes('0'.repeat(32));

/** What `traceIdHex` reads of dd-trace's span context, where it is there. */
interface DdTraceIds {
  _traceId?: { toBuffer?(): ArrayLike<number> };
  _trace?: { tags?: Record<string, unknown> };
}

/**
 * The span's 128-bit trace id as 32 hex digits: what `context().toTraceId(true)` returns, which is
 * what a generated request id is. dd-trace builds that string by copying the id into a new Buffer
 * to hex-encode it, a fifth of kennel's own work on a traced request. Its usual 8-byte id (the high
 * half travels as the `_dd.p.tid` trace tag) is encoded here instead; any other shape takes
 * dd-trace's own method. The acceptance tests hold this to what reaches the agent.
 */
export function traceIdHex(span: SpanLike): string {
  const context = span.context();
  const ids = context as DdTraceIds;
  const low = ids._traceId?.toBuffer?.();
  const high = ids._trace?.tags?.['_dd.p.tid'] ?? ZERO_HIGH;
  if (low?.length === 8 && typeof high === 'string' && copyHighHalf(high) && copyLowHalf(low)) return codesToString(digits);
  return context.toTraceId(true);
}

/**
 * Copies `_dd.p.tid`'s 16 lowercase hex digits into `digits`; false for anything else. Copied on
 * every id, though the high half changes about once a second: dd-trace builds each trace's tag as
 * a new concatenated string, and telling whether it changed meant comparing two such strings, a
 * call out of compiled code into V8's runtime that cost 0.3–0.4 µs a request under load (`perf`,
 * BENCHMARKS.md in @kennel/fastify). Reading its characters flattens the string once, as
 * dd-trace's encoder does when it writes the trace.
 */
function copyHighHalf(high: string): boolean {
  if (high.length !== 16) return false;
  for (let i = 0; i < 16; i++) {
    const code = high.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false; // 0-9, a-f
    digits[i] = code;
  }
  return true;
}

/** Writes the id's 8 low bytes as hex digits behind the high half; false if one is not a byte. */
function copyLowHalf(low: ArrayLike<number>): boolean {
  for (let i = 0; i < 8; i++) {
    const byte = low[i]!;
    if ((byte & 0xff) !== byte) return false; // not a byte: dd-trace's own method decides
    writeHexByte(digits, 16 + 2 * i, byte);
  }
  return true;
}

/**
 * A finished dd-trace span's duration in milliseconds (dd-trace sets `_duration` as it finishes the
 * span, before publishing it); undefined for a span still open, or one that keeps it elsewhere.
 */
export function spanDuration(span: SpanLike | undefined): number | undefined {
  const duration = (span as { _duration?: unknown } | undefined)?._duration;
  return typeof duration === 'number' && duration >= 0 ? duration : undefined;
}

/** Reads a tag back when the span supports it (dd-trace's span context does). */
export function spanTag(span: SpanLike, key: string): unknown {
  const context = span.context();
  return typeof context.getTag === 'function' ? context.getTag(key) : undefined;
}

/**
 * dd-trace's own tag object of a span (what its `getTag` reads), or undefined for any other span.
 * The request path reads the few tags it checks from it with a fixed key at each place: a plain
 * property read, where `getTag(key)` is one read site shared by every key dd-trace ever asks for.
 */
export function tagsOf(span: SpanLike): Readonly<Record<string, unknown>> | undefined {
  const tags = (span.context() as { _tags?: unknown })._tags;
  return typeof tags === 'object' && tags !== null ? (tags as Record<string, unknown>) : undefined;
}

/**
 * `resource` (`METHOD /route/:template`) as resource and `route` as `http.route`, unless someone set
 * them first. Unmatched requests become `METHOD unmatched` (dd-trace would say `GET /*` on fastify,
 * which reads like a real wildcard route) and get no `http.route`: it is a template or nothing.
 * `replacing` is kennel's own earlier name, for a request that moved on to another route (express's
 * `next('route')`): that name gives way, a name anyone else set stays.
 */
export function nameSpan(span: SpanLike, resource: string, route: string | undefined, replacing?: { resource: string; route: string | undefined }): void {
  const tags = tagsOf(span);
  const currentResource = tags === undefined ? spanTag(span, TAG_RESOURCE) : tags[TAG_RESOURCE];
  if (!currentResource || (replacing !== undefined && currentResource === replacing.resource)) span.setTag(TAG_RESOURCE, resource);
  if (route === undefined) return;
  const currentRoute = routeTag(span, tags);
  if (!currentRoute || (replacing !== undefined && currentRoute === replacing.route)) span.setTag(TAG_HTTP_ROUTE, route);
}

/** At span finish: `route` as `http.route`, unless someone (dd-trace, the app, kennel while routing) set one. */
export function nameRouteIfUnset(span: SpanLike, route: string): void {
  if (!routeTag(span, tagsOf(span))) span.setTag(TAG_HTTP_ROUTE, route);
}

/** The span's `http.route`, from dd-trace's tag object (`tags`) where it has one. */
function routeTag(span: SpanLike, tags: Readonly<Record<string, unknown>> | undefined): unknown {
  return tags === undefined ? spanTag(span, TAG_HTTP_ROUTE) : tags[TAG_HTTP_ROUTE];
}

/**
 * At span finish, for a request no route matched: dd-trace has named it plain `METHOD` by then,
 * which kennel's fixed `METHOD unmatched` (`resource`) replaces; a name anyone else chose is kept.
 */
export function nameUnmatched(span: SpanLike, method: string, resource: string): void {
  const current = spanTag(span, TAG_RESOURCE);
  if (!current || current === method) span.setTag(TAG_RESOURCE, resource);
}
