import { onceGate } from '@kennel/core';
import { ABORTED_STATUS, METRIC_DURATION, METRIC_REQUESTS, TAG_ERROR, TAG_ERROR_FLAG, TAG_ERROR_MESSAGE, TAG_HTTP_STATUS, TAG_HTTP_URL, TAG_MANUAL_DROP, TAG_REQUEST_ID, TAG_SPAN_KIND } from './constants.js';
import { headerAllowlist, headerTags } from './headers.js';
import type { KennelLike, LlmLike, MetricsLike, SpanLike, TracingLike } from './internal-types.js';
import { outcomeSeriesFactory, withUserTags } from './metric-tags.js';
import { resolveHttpOptions } from './options.js';
import { OutcomeQueue } from './outcome-queue.js';
import { pathMatcher } from './paths.js';
import { scrubQuery } from './query.js';
import { incomingRequestId, isWellFormedId, randomRequestId } from './request-id.js';
import { type SpanFollower, whenSpanFinishes } from './span-finish.js';
import { RouteTable } from './routes.js';
import { nameRouteIfUnset, nameSpan, nameUnmatched, spanDuration, spanTag, tagsOf, traceIdHex, webSpan } from './span.js';
import { TrackedRequest } from './tracked-request.js';
import type { ClosableResponse, HttpTelemetry, HttpTelemetryOptions, LlmSessionContext, RequestLike, RequestState, UserTags } from './types.js';

const SESSION_HEADER = 'x-session-id';
const sessionFromHeader = (req: unknown): LlmSessionContext | undefined => {
  const value = (req as RequestLike).headers?.[SESSION_HEADER];
  return isWellFormedId(value) ? { sessionId: value } : undefined;
};

/** A server (web) span: dd-trace's `span.kind` tag, read from its tag object where it has one. */
function isServerSpan(span: SpanLike): boolean {
  const tags = tagsOf(span);
  return (tags === undefined ? spanTag(span, TAG_SPAN_KIND) : tags[TAG_SPAN_KIND]) === 'server';
}

const PENDING = Symbol('kennel.http.pending');
/** A response waiting for 'close', with the request it ends. */
type Tracked = ClosableResponse & { [PENDING]?: TrackedRequest | undefined };

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
  if (allowHeaders.length > 0 && !hooks.has('preTag')) {
    // Nothing scrubs tag values in this kennel: say so once, where the choice is made.
    kennel.logger.warn('captureHeaders: no preTag handler is installed (@kennel/pii-filter), so captured header values reach the span as sent', { captureHeaders: allowHeaders });
  }
  const routes = new RouteTable(metrics ? outcomeSeriesFactory(opts.isErrorStatus, metrics) : undefined);
  const once = onceGate(60_000);
  const contain = (where: string, error: unknown) => {
    if (once(where)) kennel.logger.warn(`request telemetry failed in ${where}; the request is unaffected`, { error: String(error) });
  };
  /** Outcomes recorded in batches, where the metrics client says when it flushes (older clients: each at once). */
  const outcomes = typeof metrics?.onFlush === 'function' ? new OutcomeQueue((listener) => metrics.onFlush!(listener), contain) : undefined;

  const spanOf = (state: RequestState) => state.span as SpanLike | undefined;
  /** Whether `setRoute` ever left a request's `http.route` to its finish: until then `tagOutcome` has none to check. */
  let someRouteTagDeferred = false;
  /** Under the lean preset dd-trace opens no server span: kennel opens, activates and finishes it. */
  const opensSpans = tracing?.serverSpans === 'kennel' && typeof tracing.startServerSpan === 'function' && typeof tracing.activate === 'function';
  /**
   * The request's web span, if someone opened one. Under the lean preset a request may still run
   * inside an unrelated span (a server started within a startup span passes it to every request),
   * so only a server span counts there; dd-trace's server spans (turned back on) are enriched as usual.
   */
  const serverSpan = (span: SpanLike | undefined) => (!opensSpans || span === undefined || isServerSpan(span) ? span : undefined);
  /** The lean preset came from the prod config preset: each request's server is claimed as kennel's (@kennel/tracing's `claimServer`). */
  const claims = opensSpans && tracing!.watchingServers === true && typeof tracing!.claimServer === 'function';

  /**
   * One listener function for every response (`this` is the response), so following completion
   * allocates no closure per request. 'close' follows the end of every response, and also comes
   * when the client goes away first: a response the app never ended is an aborted request.
   * (`writableEnded`, not `writableFinished`: fastify's `inject` never flushes to a socket.)
   */
  function onClose(this: Tracked) {
    const state = this[PENDING];
    if (state === undefined) return;
    this[PENDING] = undefined;
    api.finish(state, outcomeStatus(this), state.req as Req, state.res as Res);
  }

  /** dd-trace is finishing its web span: the response has finished, or closed first. */
  function settleAtSpanFinish(state: TrackedRequest) {
    const status = outcomeStatus(state.raw!);
    // An aborted response sent no status: dd-trace records the one it would have had (200), the
    // metrics and kennel's own spans 499. The span says 499 too, so that trace and metric agree.
    if (status === ABORTED_STATUS) markAborted(state);
    api.tagOutcome(state, status, state.req as Req, state.res as Res);
    end(state, status, state.req as Req, state.res as Res, true);
  }

  function markAborted(state: RequestState) {
    try {
      spanOf(state)?.setTag(TAG_HTTP_STATUS, String(ABORTED_STATUS));
    } catch (error) {
      contain('markAborted', error);
    }
  }

  const api: HttpTelemetry<Req, Res> & { readonly traced: boolean } = {
    traced: tracing !== undefined,
    llmAware: llm !== undefined,
    echoHeader: opts.echoRequestId ? opts.requestIdHeader : undefined,
    isErrorStatus: opts.isErrorStatus,

    start(req) {
      try {
        return open(req);
      } catch (error) {
        contain('start', error);
        return undefined;
      }
    },

    pass(req) {
      try {
        if (claims) claim(req);
      } catch (error) {
        contain('pass', error);
      }
    },

    track(incoming, req, res, raw) {
      let state: TrackedRequest | undefined;
      try {
        state = open(incoming);
        if (state !== undefined) attach(state, req, res, raw);
      } catch (error) {
        contain('track', error);
      }
      return state;
    },

    setRoute(state, template, routeTagAtFinish = false) {
      try {
        const previous = state.route;
        state.route = template;
        const entry = routes.entry(template);
        if (state instanceof TrackedRequest) state.entry = entry;
        const span = spanOf(state);
        if (span && opts.resourceNames) {
          // A request that moves on to another route is named by the one that answers.
          const first = previous === undefined || previous === template;
          const replacing = first ? undefined : { resource: routes.entry(previous).resource(state.method), route: previous };
          // `http.route` is a key dd-trace's tag object does not have yet; added while routing, it
          // puts the object past V8's fast-property limit before dd-trace's code-origin tags are
          // assigned, and dd-trace's tag reads and writes from then to the finish go through a
          // dictionary (BENCHMARKS.md in @kennel/express). Where the caller says the tracer records
          // this template itself, it is checked at the finish instead (`tagOutcome`).
          const atFinish = routeTagAtFinish && first;
          if (atFinish) someRouteTagDeferred = true;
          nameSpan(span, entry.resource(state.method), atFinish ? undefined : template, replacing);
        }
      } catch (error) {
        contain('setRoute', error);
      }
    },

    tagOutcome(state, statusCode, req, res) {
      try {
        const span = spanOf(state);
        if (!span) return;
        if (opts.resourceNames) {
          // No route matched (express learns routes late): a fixed name, never the raw URL.
          if (state.route === undefined) nameUnmatched(span, state.method, routes.entry(undefined).resource(state.method));
          else if (someRouteTagDeferred) nameRouteIfUnset(span, state.route);
        }
        if (opts.isErrorStatus(statusCode)) {
          span.setTag(TAG_ERROR, true);
          // Without dd-trace's framework plugin nobody else records the thrown error on the web span.
          if (!spanTag(span, TAG_ERROR_MESSAGE)) span.setTag(TAG_ERROR_FLAG, state.error instanceof Error ? state.error : true);
        } else if (statusCode >= 400) {
          clearStatusError(span, state);
        }
        if (state.detailed && opts.tags) tracing!.setTags(opts.tags(req, res) ?? {}, span);
      } catch (error) {
        contain('tagOutcome', error);
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

    runInSpan(state, fn) {
      return state.ownsSpan ? tracing!.activate!(spanOf(state)!, fn) : fn();
    },

    finish(state, statusCode, req, res) {
      end(state, statusCode, req, res, false);
    },

    follow(state, req, res, raw) {
      try {
        if (state instanceof TrackedRequest) attach(state, req, res, raw);
      } catch (error) {
        contain('follow', error);
      }
    },
  };
  return api;

  /** `start`'s work: the request's state, or undefined for an ignored path. May throw: callers contain it. */
  function open(req: RequestLike): TrackedRequest | undefined {
    if (claims) claim(req);
    const url = req.url ?? '/';
    let span = tracing ? serverSpan(webSpan(tracing)) : undefined;
    if (ignored(url)) {
      // dd-trace's span is dropped; under the lean preset none is opened at all.
      span?.setTag(TAG_MANUAL_DROP, true);
      return undefined;
    }
    let opened = false;
    if (span === undefined && opensSpans) {
      span = tracing!.startServerSpan!(req, fullUrl(req, url));
      opened = span !== undefined;
    }
    const header = opts.requestIdHeader;
    const incoming = header === undefined ? undefined : incomingRequestId(req.headers, header);
    const detailed = opts.tagSampleRate >= 1 || Math.random() < opts.tagSampleRate;
    let requestId = incoming;
    if (span) {
      // A generated id is the trace id itself (128-bit hex, what Datadog's trace search takes):
      // correlated by construction, and no extra tag to encode on every span.
      if (header !== undefined && incoming === undefined) requestId = traceIdHex(span);
      tagRequest(span, req, incoming, detailed, !opened);
    } else if (header !== undefined && incoming === undefined) {
      requestId = randomRequestId();
    }
    return new TrackedRequest(req.method ?? 'GET', requestId, detailed, span, opened, settleAtSpanFinish);
  }

  function claim(req: RequestLike) {
    tracing!.claimServer!((req as { socket?: { server?: unknown } }).socket?.server);
  }

  /** `follow`'s work (see there). May throw: callers contain it. */
  function attach(state: TrackedRequest, req: Req, res: Res, raw: ClosableResponse): void {
    state.req = req;
    state.res = res;
    state.raw = raw;
    const span = spanOf(state);
    // dd-trace finishes its server span as the response finishes or closes: the outcome tags and
    // the metrics then, with no response listener. Any other span (one kennel opened, an
    // unrelated span the request runs in) does not say when the response ends: 'close' does.
    if (span && !state.ownsSpan) {
      if (isServerSpan(span)) {
        whenSpanFinishes(span, state);
        return;
      }
      whenSpanFinishes(span, outcomeAtFinish(state, req, res, raw));
    }
    if (!metrics && !state.ownsSpan) return; // then finish has nothing to do
    (raw as Tracked)[PENDING] = state;
    raw.on('close', onClose);
  }

  /**
   * Emits the request metrics once (held in `outcomes` for a batch where the metrics client allows),
   * after finishing the web span kennel opened, if any. When the web
   * span has just finished (`spanFinished`: dd-trace's, or kennel's own) the duration is the span's:
   * metric and trace agree, and the clock is not read again. Otherwise it is measured from `start`.
   */
  function end(state: RequestState, statusCode: number, req: Req, res: Res | undefined, spanFinished: boolean) {
    if (state.done) return;
    state.done = true;
    if (state.ownsSpan) closeSpan(state, statusCode, req, res);
    try {
      if (!metrics) return;
      const spanMs = spanFinished || state.ownsSpan ? spanDuration(spanOf(state)) : undefined;
      // Microsecond resolution: all a latency percentile needs, and a third of the digits on the wire.
      const duration = Math.round((spanMs ?? performance.now() - state.startedAt) * 1000) / 1000;
      const held = state instanceof TrackedRequest ? state.entry : undefined;
      const entry = held !== undefined && held.template === state.route ? held : routes.entry(state.route);
      const userTags = opts.metricTags === undefined ? undefined : userMetricTags(req, res);
      if (userTags) {
        const tags = withUserTags(entry.outcome(state.method, statusCode).tags, userTags);
        metrics.increment(METRIC_REQUESTS, 1, tags);
        metrics.distribution(METRIC_DURATION, duration, tags);
      } else if (!outcomes?.push(entry, state.method, statusCode, duration)) {
        entry.record(state.method, statusCode, duration);
      }
    } catch (error) {
      contain('finish', error);
    }
  }

  /** The user's metric tags; none if their function throws: the request is still counted. */
  function userMetricTags(req: Req, res: Res | undefined): UserTags | undefined {
    try {
      return opts.metricTags!(req, res as Res);
    } catch (error) {
      contain('metricTags', error);
      return undefined;
    }
  }

  /**
   * Tags the outcome when an unrelated span the request runs in finishes. Made here, not in
   * `follow`: a closure over `follow`'s arguments would have it allocate their context on every call.
   */
  function outcomeAtFinish(state: RequestState, req: Req, res: Res, raw: ClosableResponse): SpanFollower {
    return { spanFinished: () => api.tagOutcome(state, raw.statusCode, req, res) };
  }

  /**
   * dd-trace marks a web span an error for its status alone (any 5xx, by its own rule) just before
   * it finishes; where `errorStatuses` says that status is no error, the span says so too, as the
   * metrics do. A thrown error (an Error as the tag, or its message) stays on the span.
   */
  function clearStatusError(span: SpanLike, state: RequestState) {
    const tags = tagsOf(span);
    const error = tags === undefined ? spanTag(span, TAG_ERROR_FLAG) : tags[TAG_ERROR_FLAG];
    if (error === true && state.error === undefined && !spanTag(span, TAG_ERROR_MESSAGE)) span.setTag(TAG_ERROR_FLAG, false);
  }

  /** The response's status once it ended; 499 when the client went away first. */
  function outcomeStatus(raw: ClosableResponse): number {
    return raw.writableEnded ? raw.statusCode : ABORTED_STATUS;
  }

  /** `base` without its query, then the request URL's query with whole values redacted (if it has one). */
  function withScrubbedQuery(base: string, requestUrl: string): string {
    const b = base.indexOf('?');
    const q = requestUrl.indexOf('?');
    return (b === -1 ? base : base.slice(0, b)) + (q === -1 ? '' : scrubQuery(requestUrl.slice(q), opts.keepQueryParams, hooks));
  }

  /** The URL of a span kennel opens: scheme and host as the request gives them, the query scrubbed. */
  function fullUrl(req: RequestLike, url: string): string {
    const scheme = (req as { socket?: { encrypted?: boolean } }).socket?.encrypted ? 'https' : 'http';
    return `${scheme}://${req.headers.host ?? 'localhost'}${withScrubbedQuery(url, url)}`;
  }

  /** Outcome tags and status, then the end of a span kennel opened. */
  function closeSpan(state: RequestState, statusCode: number, req: Req, res: Res | undefined) {
    try {
      api.tagOutcome(state, statusCode, req, res as Res);
      const span = spanOf(state)!;
      span.setTag(TAG_HTTP_STATUS, String(statusCode));
      span.finish!();
    } catch (error) {
      contain('closeSpan', error);
    }
  }

  function tagRequest(span: SpanLike, req: RequestLike, incomingId: string | undefined, detailed: boolean, scrubUrlTag: boolean) {
    // The caller's own id links the span to its logs; a generated one is the trace id already.
    if (incomingId !== undefined) span.setTag(TAG_REQUEST_ID, incomingId);
    if (scrubUrlTag && req.url !== undefined && req.url.includes('?')) {
      // dd-trace's obfuscation masks only what its pattern matches; rebuild the query from the raw
      // request URL with whole values redacted, behind the scheme/host/path dd-trace recorded.
      const url = spanTag(span, TAG_HTTP_URL);
      if (typeof url === 'string') span.setTag(TAG_HTTP_URL, withScrubbedQuery(url, req.url));
    }
    if (detailed && allowHeaders.length > 0) {
      const tags = headerTags(req.headers, allowHeaders, hooks);
      if (tags) for (const key in tags) span.setTag(key, tags[key]);
    }
  }
}
