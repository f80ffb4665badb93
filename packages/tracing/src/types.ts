/**
 * The @kennel/tracing public API contract. Other kennel packages code against these types via
 * `ctx.get('tracing')` / `kennel.tryGet('tracing')`. dd-trace types never leak: spans are opaque.
 */

export type SpanTags = Readonly<Record<string, string | number | boolean | undefined>>;

/** A span as kennel exposes it (dd-trace's Span satisfies this). */
export interface KennelSpan {
  setTag(key: string, value: unknown): this;
  addTags(tags: Record<string, unknown>): this;
  finish(finishTime?: number): void;
  context(): { toTraceId(): string; toSpanId(): string };
}

export interface SpanOptions {
  /** Datadog resource name (e.g. `GET /users/:id`). */
  resource?: string;
  /** Span type (`web`, `http`, `db`, `custom`, `llm`…). */
  type?: string;
  /** Overrides the service for this span. */
  service?: string;
  tags?: SpanTags;
  /** Parent span; defaults to the active span. */
  childOf?: KennelSpan;
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
  extract(carrier: Record<string, string | string[] | undefined>): KennelSpan | undefined;
  /** The underlying dd-trace tracer (typed `unknown` so dd-trace types stay out of kennel's .d.ts); undefined when disabled. */
  readonly tracer: unknown;
  /** Sends what is buffered now; always resolves. */
  flush(): Promise<void>;
}
