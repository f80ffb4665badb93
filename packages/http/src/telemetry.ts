import { onceGate } from '@kennel/core';
import { METRIC_DURATION, METRIC_REQUESTS, TAG_ERROR, TAG_ERROR_MESSAGE, TAG_HTTP_URL, TAG_MANUAL_DROP, TAG_REQUEST_ID } from './constants.js';
import { headerAllowlist, headerTags } from './headers.js';
import type { KennelLike, LlmLike, MetricsLike, SpanLike, TracingLike } from './internal-types.js';
import { metricTagBuilder, withUserTags } from './metric-tags.js';
import { resolveHttpOptions } from './options.js';
import { pathMatcher } from './paths.js';
import { scrubQuery } from './query.js';
import { isWellFormedId, resolveRequestId } from './request-id.js';
import { nameSpan, spanTag, webSpan } from './span.js';
import type { HttpTelemetry, HttpTelemetryOptions, LlmSessionContext, RequestLike, RequestState } from './types.js';

const SESSION_HEADER = 'x-session-id';
const sessionFromHeader = (req: unknown): LlmSessionContext | undefined => {
  const value = (req as RequestLike).headers?.[SESSION_HEADER];
  return isWellFormedId(value) ? { sessionId: value } : undefined;
};

/**
 * Creates the request-telemetry engine for one app. Reads the `tracing` and `metrics` plugins
 * from the kennel handle once; either may be absent (metrics-only, traces-only, or nothing).
 * Option errors throw here, at setup; per-request methods never throw.
 */
export function createHttpTelemetry<Req = unknown, Res = unknown>(
  kennel: KennelLike,
  options: HttpTelemetryOptions<Req, Res> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): HttpTelemetry<Req, Res> & { readonly traced: boolean } {
  const opts = resolveHttpOptions(options, env);
  const tracing = kennel.tryGet<TracingLike>('tracing');
  const metrics = opts.metrics ? kennel.tryGet<MetricsLike>('metrics') : undefined;
  const llm = kennel.tryGet<LlmLike>('llm-observability');
  const llmContext = opts.llmContext ?? (sessionFromHeader as (req: Req) => LlmSessionContext | undefined);
  const { hooks } = kennel;
  const ignored = pathMatcher(opts.ignorePaths);
  const allowHeaders = headerAllowlist(opts.captureHeaders);
  const metricTags = metricTagBuilder(opts.isErrorStatus);
  const once = onceGate(60_000);
  const contain = (where: string, error: unknown) => {
    if (once(where)) kennel.logger.warn(`request telemetry failed in ${where}; the request is unaffected`, { error: String(error) });
  };

  const spanOf = (state: RequestState) => state.span as SpanLike | undefined;

  return {
    traced: tracing !== undefined,
    llmAware: llm !== undefined,
    echoHeader: opts.echoRequestId ? opts.requestIdHeader : undefined,
    isErrorStatus: opts.isErrorStatus,

    start(req) {
      try {
        const url = req.url ?? '/';
        const span = tracing ? webSpan(tracing) : undefined;
        if (ignored(url)) {
          span?.setTag(TAG_MANUAL_DROP, true);
          return undefined;
        }
        const requestId = opts.requestIdHeader ? resolveRequestId(req.headers, opts.requestIdHeader) : undefined;
        const detailed = opts.tagSampleRate >= 1 || Math.random() < opts.tagSampleRate;
        let traceId: string | undefined;
        let spanId: string | undefined;
        if (span) {
          const context = span.context();
          traceId = context.toTraceId();
          spanId = context.toSpanId();
          tagRequest(span, req, requestId, detailed);
        }
        return { method: req.method ?? 'GET', startedAt: performance.now(), requestId, traceId, spanId, route: undefined, error: undefined, done: false, detailed, span };
      } catch (error) {
        contain('start', error);
        return undefined;
      }
    },

    setRoute(state, template) {
      try {
        state.route = template;
        const span = spanOf(state);
        if (span && opts.resourceNames) nameSpan(span, state.method, template);
      } catch (error) {
        contain('setRoute', error);
      }
    },

    beforeSend(state, statusCode, req, res) {
      try {
        const span = spanOf(state);
        if (!span) return;
        // No route matched by now (express learns routes late): a fixed name, never the raw URL.
        if (state.route === undefined && opts.resourceNames) nameSpan(span, state.method, undefined);
        if (opts.isErrorStatus(statusCode)) {
          span.setTag(TAG_ERROR, true);
          // Without dd-trace's framework plugin nobody else records the thrown error on the web span.
          if (!spanTag(span, TAG_ERROR_MESSAGE)) span.setTag('error', state.error instanceof Error ? state.error : true);
        }
        if (state.detailed && opts.tags) tracing!.setTags(opts.tags(req, res) ?? {}, span);
      } catch (error) {
        contain('beforeSend', error);
      }
    },

    runInLlmContext(req, fn) {
      if (!llm) return fn();
      let context: LlmSessionContext | undefined;
      try {
        context = llmContext(req);
      } catch (error) {
        contain('llmContext', error);
      }
      return context && (context.sessionId || context.userId) ? llm.withLlmContext(context, fn) : fn();
    },

    finish(state, statusCode, req, res) {
      if (state.done) return;
      state.done = true;
      try {
        if (!metrics) return;
        const duration = performance.now() - state.startedAt;
        const tags = withUserTags(metricTags(state.method, state.route, statusCode), opts.metricTags?.(req, res));
        metrics.increment(METRIC_REQUESTS, 1, tags);
        metrics.distribution(METRIC_DURATION, duration, tags);
      } catch (error) {
        contain('finish', error);
      }
    },
  };

  function withoutQuery(url: string): string {
    const q = url.indexOf('?');
    return q === -1 ? url : url.slice(0, q);
  }

  function tagRequest(span: SpanLike, req: RequestLike, requestId: string | undefined, detailed: boolean) {
    if (requestId !== undefined) span.setTag(TAG_REQUEST_ID, requestId);
    if (req.url !== undefined && req.url.includes('?')) {
      // dd-trace's obfuscation masks only what its pattern matches; rebuild the query from the raw
      // request URL with whole values redacted, behind the scheme/host/path dd-trace recorded.
      const url = spanTag(span, TAG_HTTP_URL);
      if (typeof url === 'string') span.setTag(TAG_HTTP_URL, withoutQuery(url) + scrubQuery(req.url.slice(req.url.indexOf('?')), opts.keepQueryParams, hooks));
    }
    if (detailed && allowHeaders.length > 0) {
      const tags = headerTags(req.headers, allowHeaders, hooks);
      if (tags) for (const key in tags) span.setTag(key, tags[key]);
    }
  }
}
