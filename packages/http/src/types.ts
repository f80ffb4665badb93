import type { IncomingHttpHeaders } from 'node:http';

/** Span or metric tag values a user function may return; `undefined` entries are skipped. */
export type UserTags = Readonly<Record<string, string | number | boolean | undefined>>;

/** Computes extra tags for one request from the framework's request/response objects. */
export type TagFunction<Req, Res> = (req: Req, res: Res) => UserTags | undefined;

/** Options shared by every kennel framework integration (@kennel/fastify, @kennel/express). */
export interface HttpTelemetryOptions<Req = unknown, Res = unknown> {
  /**
   * Paths that get no telemetry (exact match on the path without query string; a trailing `*`
   * matches a prefix). Their dd-trace span, if any, is dropped. Entries from the env var are added.
   * @default ['/health', '/healthz', '/livez', '/readyz', '/ping']
   * @env KENNEL_HTTP_IGNORE_PATHS (comma-separated)
   */
  ignorePaths?: readonly string[];
  /**
   * Status codes counted as errors (`error:true` metric tag, `kennel.http.error` span tag).
   * A predicate or a list of codes/ranges like `[404, [500, 599]]`.
   * @default status >= 500
   */
  errorStatuses?: ((status: number) => boolean) | readonly (number | readonly [number, number])[];
  /**
   * Incoming header holding the request id. A valid incoming value (1-128 chars of
   * `[A-Za-z0-9._:-]`) is kept; anything else is replaced by a generated id: the trace id (32 hex
   * digits) on a traced request, a fresh UUID otherwise. `false` disables request ids.
   * @default 'x-request-id'
   */
  requestIdHeader?: string | false;
  /** Echo the request id in the response (same header name). @default true */
  echoRequestId?: boolean;
  /**
   * Request headers copied onto the span as `http.request.headers.<name>` (values go through the
   * core `preTag` hook, channel `http.header`: @kennel/pii-filter scrubs them where installed).
   * `authorization`, `cookie`, `set-cookie` and
   * `proxy-authorization` are never captured, even if listed.
   * @default []
   */
  captureHeaders?: readonly string[];
  /**
   * Query parameters whose values may stay in the span's `http.url` (still through `preTag`).
   * Every other parameter keeps its name but its whole value becomes `<redacted>`; a part with no `=`,
   * or whose name does not look like a parameter name, is redacted whole.
   * @default []
   */
  keepQueryParams?: readonly string[];
  /** Extra span tags per request (applied through the core `preTag` hook). */
  tags?: TagFunction<Req, Res>;
  /**
   * Extra metric tags per request: keep them low-cardinality. Called for aborted requests too (tagged
   * `status_code:499`: their response never sent a status). If it throws, the request is counted without them.
   */
  metricTags?: TagFunction<Req, Res | undefined>;
  /**
   * Fraction (0..1) of requests whose span gets the detail tags (captured headers, user `tags`).
   * Metrics and the resource name are never sampled.
   * @default 1
   * @env KENNEL_HTTP_TAG_SAMPLE_RATE
   */
  tagSampleRate?: number;
  /** Name the dd-trace web span `METHOD /route/:template` (unless a resource was set already). @default true */
  resourceNames?: boolean;
  /** Emit `http.server.requests` and `http.server.duration`. @default true */
  metrics?: boolean;
  /**
   * Session and user ids for every LLM Observability span made while serving the request (used
   * when the `llm-observability` plugin is installed). Return undefined for none.
   * @default a well-formed `x-session-id` request header as the session id
   */
  llmContext?: (req: Req) => LlmSessionContext | undefined;
}

/** Who an LLM call was made for; kennel puts it on the LLM spans of the request. */
export interface LlmSessionContext {
  sessionId?: string;
  userId?: string;
}

/** What kennel exposes on each request (`request.kennel` in fastify, `req.kennel` in express). */
export interface RequestContext {
  /** Accepted or generated request id; undefined when request ids are disabled. */
  readonly requestId: string | undefined;
  /** Trace id of the request's span (decimal, as in Datadog log correlation), when traced. */
  readonly traceId: string | undefined;
  /** Span id of the request's web span, when traced. */
  readonly spanId: string | undefined;
}

/** The minimum of a request the helper reads. */
export interface RequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

/** One tracked request; framework packages hold it and pass it back. */
export interface RequestState extends RequestContext {
  readonly method: string;
  /** Start time from `performance.now()`. */
  readonly startedAt: number;
  /** Route template once known; undefined means unmatched. */
  route: string | undefined;
  /** Error seen while handling, if any. */
  error: unknown;
  /** True once metrics were emitted (finish is idempotent). */
  done: boolean;
  /** True when the detail tags are sampled in for this request. */
  readonly detailed: boolean;
  /** The dd-trace web span (opaque), when traced. */
  readonly span: unknown;
  /** kennel opened the web span (lean preset) and finishes it when the response closes. */
  readonly ownsSpan: boolean;
}

/** What `follow` needs from a Node `ServerResponse` (or an HTTP/2 compat response). */
export interface ClosableResponse {
  on(event: 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly statusCode: number;
}

/** The shared request-telemetry engine; framework packages call it from their hooks. */
export interface HttpTelemetry<Req = unknown, Res = unknown> {
  /** Starts tracking; undefined for ignored paths (their span, if any, is dropped). Never throws. */
  start(req: RequestLike): RequestState | undefined;
  /**
   * A request the middleware sees and leaves alone (a route that opts out): nothing is tracked, but
   * its server counts as served by kennel's middleware (see @kennel/tracing's `claimServer`). Never throws.
   */
  pass(req: RequestLike): void;
  /**
   * `start(incoming)` and, for a tracked request, `follow(state, req, res, raw)` in one call: what a
   * framework hook that sees the request and its response at once calls. Never throws.
   */
  track(incoming: RequestLike, req: Req, res: Res, raw: ClosableResponse): RequestState | undefined;
  /**
   * Records the route template (undefined = unmatched) and names the web span. With
   * `routeTagAtFinish` the span's `http.route` is left to its finish and set then only if nobody
   * has: for a template the tracer records as `http.route` itself (see @kennel/express). The
   * resource is named at once either way. Never throws.
   */
  setRoute(state: RequestState, template: string | undefined, routeTagAtFinish?: boolean): void;
  /**
   * Tags that depend on the response (error status, thrown error, unmatched name, user tags), set
   * on the web span as dd-trace finishes it. `follow` arranges the call. Never throws.
   */
  tagOutcome(state: RequestState, statusCode: number, req: Req, res: Res): void;
  /**
   * Emits the request metrics once, and finishes the web span kennel opened, if any. `statusCode`
   * 499 is used for aborted requests. Never throws.
   */
  finish(state: RequestState, statusCode: number, req: Req, res: Res | undefined): void;
  /**
   * Follows the response to its end, with no framework hook. Under dd-trace's own server span,
   * `tagOutcome` and `finish` both run as dd-trace finishes that span, which it does when the
   * response finishes or closes first: no response listener per request. Otherwise `finish` runs
   * when the Node response `raw` closes (for a span kennel opened, after `tagOutcome`). The status
   * is the response's when the app ended it, 499 when the client went away first. `res` is what
   * user tag functions receive (the framework's reply object, or `raw` itself). Never throws.
   */
  follow(state: RequestState, req: Req, res: Res, raw: ClosableResponse): void;
  /**
   * Runs `fn` (the rest of the request's handling) inside the request's LLM session context, so
   * LLM spans made while serving it carry the session and user ids. Plain `fn()` without the
   * llm-observability plugin or without ids.
   */
  runInLlmContext<T>(req: Req, fn: () => T): T;
  /**
   * Runs `fn` (the rest of the request's handling) with the request's web span active, when kennel
   * opened that span; plain `fn()` otherwise (dd-trace's own web span is active already).
   */
  runInSpan<T>(state: RequestState, fn: () => T): T;
  /** True when the llm-observability plugin is installed (framework packages add their hook only then). */
  readonly llmAware: boolean;
  /** True when a status counts as an error under `errorStatuses`. */
  isErrorStatus(status: number): boolean;
  /** The resolved request-id header name, or undefined when disabled or not echoed. */
  readonly echoHeader: string | undefined;
}
