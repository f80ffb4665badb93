import type { HookBus } from '@kennel/core';
import type { DdTracer, TracerState } from './internal-types.js';
import { scrubTags } from './scrub.js';
import type { KennelSpan, KennelSpanContext, SpanOptions, SpanTags, TracingApi, TracingStats } from './types.js';

type SpanFn<T> = (span: KennelSpan) => T;

/** Shared: dd-trace copies options, never mutates them. */
const NO_OPTIONS: SpanOptions = Object.freeze({});

/**
 * The live API over an initialised dd-trace tracer. Every tag kennel sets is scrubbed as it is
 * set, so kennel's own tags never depend on dd-trace internals (the finish-time pass over all
 * spans, see scrub.ts, relies on a dd-trace diagnostics channel).
 */
export function createTracingApi(state: TracerState, hooks: HookBus, flushTimeoutMs: number): TracingApi {
  const { tracer, stats } = state;
  const active = () => tracer.scope().active() ?? undefined;
  const scrubbed = (options: SpanOptions): SpanOptions =>
    options.tags === undefined || !hooks.has('preTag') ? options : { ...options, tags: scrubTags(hooks, options.tags, stats) as SpanTags };

  return {
    withSpan<T>(name: string, optionsOrFn: SpanOptions | SpanFn<T>, maybeFn?: SpanFn<T>): T {
      const fn = (maybeFn ?? optionsOrFn) as SpanFn<T>;
      const options = maybeFn === undefined ? NO_OPTIONS : scrubbed((optionsOrFn as SpanOptions | undefined) ?? NO_OPTIONS);
      // dd-trace treats a two-parameter function as callback style (span, done); kennel's contract is (span) only.
      return tracer.trace(name, options, fn.length > 1 ? (span) => fn(span) : fn);
    },
    // Below, a failure inside dd-trace is contained: telemetry never throws into the app.
    startSpan(name, options = {}) {
      const { resource, type, service, tags, childOf } = scrubbed(options);
      const all: Record<string, unknown> = { ...tags };
      if (resource !== undefined) all['resource.name'] = resource;
      if (type !== undefined) all['span.type'] = type;
      if (service !== undefined) all.service = service;
      return contained(() => tracer.startSpan(name, { childOf: childOf ?? active(), tags: all }), noopSpan);
    },
    activeSpan: active,
    setTags(tags, span = active()) {
      contained(() => span?.addTags(scrubTags(hooks, tags, stats)), undefined);
    },
    inject(carrier, span = active()) {
      if (span) contained(() => tracer.inject(span, 'http_headers', carrier), undefined);
    },
    extract(carrier) {
      return contained(() => tracer.extract('http_headers', normaliseHeaders(carrier)) ?? undefined, undefined);
    },
    get serverSpans() {
      return state.serverSpans;
    },
    watchingServers: state.served !== undefined,
    claimServer(server) {
      state.served?.claim(server);
    },
    startServerSpan(request, url) {
      return contained(() => {
        const headers = request.headers;
        const tags: Record<string, unknown> = { 'span.kind': 'server', 'span.type': 'web', component: 'http', 'http.method': request.method ?? 'GET', 'http.url': url };
        const agent = headers['user-agent'];
        if (typeof agent === 'string') tags['http.useragent'] = agent;
        // dd-trace's http_headers extractor reads lower-case names, which node's headers already are.
        const parent = tracer.extract('http_headers', headers) ?? undefined;
        return tracer.startSpan('web.request', { childOf: parent, tags });
      }, undefined);
    },
    activate: (span, fn) => (span === noopSpan ? fn() : tracer.scope().activate(span, fn)),
    get tracer() {
      return tracer;
    },
    flush: () => flushTracer(tracer, flushTimeoutMs),
    stats: () => ({ ...stats }),
  } as TracingApi;
}

function contained<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Header names lower-cased, arrays reduced to their first value, undefined left out. */
function normaliseHeaders(carrier: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in carrier) {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key.toLowerCase()] = first;
  }
  return out;
}

/**
 * dd-trace has no public flush for traces. Prefer `flushAll` (dd-trace ≥ 6, every trace
 * pipeline) then the exporter's `flush(cb)` (5.x); both private, so each is feature-checked,
 * guarded and bounded by a timeout: flush always resolves.
 */
export function flushTracer(tracer: DdTracer, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      const inner = tracer._tracer;
      if (typeof inner?.flushAll === 'function') inner.flushAll(done, { timeout: timeoutMs });
      else if (typeof inner?._exporter?.flush === 'function') inner._exporter.flush(done);
      else done();
    } catch {
      done();
    }
  });
}

const noopContext: KennelSpanContext = { toTraceId: () => '0', toSpanId: () => '0' };
const noopSpan: KennelSpan = {
  setTag() {
    return this;
  },
  addTags() {
    return this;
  },
  finish() {},
  context: () => noopContext,
};
const zeroStats: TracingStats = { droppedPayloads: 0, exportErrors: 0, droppedTags: 0 };

/** Same shape, does nothing, still runs callbacks: what users get when tracing is disabled. */
export function noopTracingApi(): TracingApi {
  return {
    withSpan: <T>(_name: string, optionsOrFn: SpanOptions | SpanFn<T>, maybeFn?: SpanFn<T>): T => ((maybeFn ?? optionsOrFn) as SpanFn<T>)(noopSpan),
    startSpan: () => noopSpan,
    activeSpan: () => undefined,
    setTags() {},
    inject() {},
    extract: () => undefined,
    serverSpans: 'dd-trace',
    watchingServers: false,
    claimServer: () => {},
    startServerSpan: () => undefined,
    activate: (_span, fn) => fn(),
    tracer: undefined,
    flush: () => Promise.resolve(),
    stats: () => ({ ...zeroStats }),
  } as TracingApi;
}
