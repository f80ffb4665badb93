/**
 * The @kennel/tracing public API contract. Other kennel packages code against these types via
 * `ctx.get('tracing')` / `kennel.tryGet('tracing')`. dd-trace types never leak: spans are typed
 * structurally, and dd-trace's Span and SpanContext satisfy these shapes.
 */

export type SpanTags = Readonly<Record<string, string | number | boolean | undefined>>;

/** A span context: what `extract` returns and what `childOf` accepts. */
export interface KennelSpanContext {
  toTraceId(): string;
  toSpanId(): string;
}

/** A span as kennel exposes it (dd-trace's Span satisfies this). */
export interface KennelSpan {
  setTag(key: string, value: unknown): this;
  addTags(tags: Record<string, unknown>): this;
  finish(finishTime?: number): void;
  context(): KennelSpanContext;
}

export interface SpanOptions {
  /** Datadog resource name (e.g. `GET /users/:id`). */
  resource?: string;
  /** Span type (`web`, `http`, `db`, `custom`, `llm`…). */
  type?: string;
  /** Overrides the service for this span. */
  service?: string;
  tags?: SpanTags;
  /** Parent span or extracted context; defaults to the active span. */
  childOf?: KennelSpan | KennelSpanContext;
}

/** Counters that make dd-trace's silent failures visible. Process-wide (dd-trace is one per process). */
export interface TracingStats {
  /** Trace payloads dd-trace discarded because its in-flight request buffer was full ("Maximum active request buffer size reached"). */
  droppedPayloads: number;
  /** Trace payloads that failed to reach the agent for any other reason (agent down, HTTP error). */
  exportErrors: number;
  /** Tags dropped because the `preTag` hook returned null. */
  droppedTags: number;
}

/** The parts of an incoming HTTP request a server span is made from (node's IncomingMessage fits). */
export interface IncomingRequestLike {
  method?: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface TracingApi {
  /** Runs `fn` in a new active span; a throw/rejection tags the error and is rethrown unchanged. */
  withSpan<T>(name: string, options: SpanOptions, fn: (span: KennelSpan) => T): T;
  withSpan<T>(name: string, fn: (span: KennelSpan) => T): T;
  /** Starts a span the caller must finish. */
  startSpan(name: string, options?: SpanOptions): KennelSpan;
  activeSpan(): KennelSpan | undefined;
  /** Sets tags (scrubbed through the core `preTag` hook) on a span, default the active one. */
  setTags(tags: SpanTags, span?: KennelSpan): void;
  /** Writes the active (or given) span's context into carrier headers. */
  inject(carrier: Record<string, string>, span?: KennelSpan): void;
  /** Reads a span context from carrier headers, for `childOf`. */
  extract(carrier: Record<string, string | string[] | undefined>): KennelSpanContext | undefined;
  /**
   * Who opens the web span of an incoming HTTP request: `dd-trace` (its http integration), or
   * `kennel` under the lean preset, where dd-trace's server spans are off and kennel's framework
   * middleware opens them with `startServerSpan`.
   */
  readonly serverSpans: 'dd-trace' | 'kennel';
  /**
   * True where the lean preset came from the prod config preset rather than from the app: kennel's
   * middleware then claims each server it serves (`claimServer`), and the first response from a
   * server nobody claimed turns dd-trace's server spans back on (`serverSpans` becomes `dd-trace`).
   */
  readonly watchingServers: boolean;
  /** kennel's framework middleware serves this http server (a request's `socket.server`). Never throws. */
  claimServer(server: unknown): void;
  /**
   * Opens the web span of an incoming request (`web.request`, type `web`, kind `server`), continuing
   * the caller's trace from the request headers; tagged with the method, `url` as given (pass it
   * scrubbed) and the user agent. The caller names it, runs the request in it (`activate`) and
   * finishes it. Tags are not passed through `preTag` here: they are what dd-trace's own web span has.
   * Undefined when tracing is disabled or dd-trace failed to open it (the request then runs untraced).
   */
  startServerSpan(request: IncomingRequestLike, url: string): KennelSpan | undefined;
  /** Runs `fn` with `span` as the active span; what `fn` starts (spans, async work) belongs to it. */
  activate<T>(span: KennelSpan, fn: () => T): T;
  /** The underlying dd-trace tracer (typed `unknown` so dd-trace types stay out of kennel's .d.ts); undefined when disabled. */
  readonly tracer: unknown;
  /** Sends what is buffered now; always resolves (bounded by a timeout). */
  flush(): Promise<void>;
  /** Drop and error counters; all zero when disabled. */
  stats(): TracingStats;
}

/** `default`: dd-trace's own defaults. `lean`: the cheapest settings that still trace every request (see README). */
export type TracingPreset = 'default' | 'lean';

export interface TracingOptions {
  /**
   * dd-trace settings preset, applied as DD_* environment defaults before dd-trace loads (DD_*
   * variables you set still win). `lean` is meant for apps using @kennel/fastify or
   * @kennel/express, which name web spans by route. Has no effect on a tracer already started.
   * Where the app names none, the config's `tracing.preset` decides: `lean` under the prod config
   * preset (unless DD_APPSEC_ENABLED or DD_IAST_ENABLED), `default` under dev and staging.
   * @default config.tracing.preset
   * @env KENNEL_TRACING_PRESET
   */
  preset?: TracingPreset;
  /**
   * Register dd-trace's OpenTelemetry TracerProvider so spans made with `@opentelemetry/api`
   * join kennel's traces. Needs `@opentelemetry/api` installed.
   * @default false
   */
  opentelemetry?: boolean;
  /**
   * Also scrub the string tags of every span as it finishes, auto-instrumented ones included
   * (http, fastify, pg…), through the `preTag` hook. Tags set through kennel's API are always
   * scrubbed as they are set, whatever this says.
   * @default true
   */
  scrubAllSpans?: boolean;
  /**
   * Warn once when a library dd-trace instruments was loaded before tracing started.
   * @default true
   */
  warnLateInit?: boolean;
  /**
   * Upper bound for `flush()`, in milliseconds.
   * @default 2000
   */
  flushTimeoutMs?: number;
}

declare module '@kennel/core' {
  interface KennelPluginApis {
    tracing: TracingApi;
  }
}
