/**
 * Fakes that follow the TracingApi / MetricsApi contracts, for unit tests only: kennel's
 * acceptance tests use the real plugins against @kennel/local-agent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel } from 'node:diagnostics_channel';
import { createKennel, definePlugin, type AnyPlugin } from '@kennel/core';
import type { MetricsLike, SpanLike, TracingLike } from '../src/index.js';

let nextId = 1;

export class FakeSpan implements SpanLike {
  readonly tags: Record<string, unknown> = {};
  finished = false;
  readonly id = String(nextId++);
  readonly #trace = { started: [this as unknown] };
  setTag(key: string, value: unknown) {
    this.tags[key] = value;
    return this;
  }
  /** What dd-trace sets as it finishes a span (ms). */
  _duration: number | undefined;
  /** `null`: a span that keeps no duration. */
  constructor(readonly durationMs: number | null = 12.3456) {}
  /** As dd-trace does: the duration, then publish on its span-finish channel, where kennel's finish-time tags run. */
  finish() {
    this.finished = true;
    this._duration = this.durationMs ?? undefined;
    channel('dd-trace:span:finish').publish(this);
  }
  context() {
    return { toTraceId: (get128bit?: boolean) => (get128bit ? this.id.padStart(32, '0') : `trace-${this.id}`), toSpanId: () => this.id, getTag: (k: string) => this.tags[k], _trace: this.#trace };
  }
}

/**
 * What dd-trace's http plugin does with a web span: finish it when the response ends, or closes
 * first (an aborted request). Tests add this after kennel's middleware.
 */
export function finishOnEnd(span: unknown, res: { once(event: 'finish' | 'close', listener: () => void): unknown }): void {
  if (!(span instanceof FakeSpan)) return;
  const end = () => {
    if (!span.finished) span.finish();
  };
  res.once('finish', end);
  res.once('close', end);
}

export class FakeTracing implements TracingLike {
  readonly spans: FakeSpan[] = [];
  /** Tags each new span starts with (dd-trace sets http.url at span start). */
  initialTags: Record<string, unknown> = {};
  readonly #active = new AsyncLocalStorage<FakeSpan>();

  /** `kennel` plays the lean preset: no web span until the middleware opens one. */
  constructor(readonly serverSpans: 'dd-trace' | 'kennel' = 'dd-trace') {}

  /** Plays dd-trace failing to open a span. */
  failToOpen = false;
  /** The duration the next spans report when they finish (dd-trace's `_duration`); `null`: none. */
  nextDurationMs: number | null = 12.3456;

  startServerSpan(request: { method?: string | undefined }, url: string) {
    if (this.failToOpen) return undefined;
    const span = new FakeSpan(this.nextDurationMs);
    Object.assign(span.tags, { 'span.kind': 'server', 'http.method': request.method, 'http.url': url });
    this.spans.push(span);
    return span;
  }

  activate<T>(span: FakeSpan, fn: () => T): T {
    return this.#active.run(span, fn);
  }

  /** The activated span, else (as dd-trace's http integration would have made one) a new span. */
  activeSpan() {
    const current = this.#active.getStore();
    if (current || this.serverSpans === 'kennel') return current;
    const span = new FakeSpan(this.nextDurationMs);
    Object.assign(span.tags, { 'span.kind': 'server' }, this.initialTags);
    this.spans.push(span);
    return span;
  }
  setTags(tags: Readonly<Record<string, unknown>>, span?: SpanLike) {
    for (const [k, v] of Object.entries(tags)) if (v !== undefined) span?.setTag(k, v);
  }
  last(): FakeSpan {
    return this.spans.at(-1)!;
  }
}

export interface FakeMetric {
  type: 'increment' | 'distribution';
  name: string;
  value: number;
  tags: readonly string[];
}

export class FakeMetrics implements MetricsLike {
  readonly sent: FakeMetric[] = [];
  increment(name: string, value = 1, tags: readonly string[] = []) {
    this.sent.push({ type: 'increment', name, value, tags });
  }
  distribution(name: string, value: number, tags: readonly string[] = []) {
    this.sent.push({ type: 'distribution', name, value, tags });
  }
  /** Tags of the `http.server.requests` counts, one list per request. */
  requests(): (readonly string[])[] {
    return this.sent.filter((m) => m.name === 'http.server.requests').map((m) => m.tags);
  }

  durations(): number[] {
    return this.sent.filter((m) => m.name === 'http.server.duration').map((m) => m.value);
  }
}

/**
 * A metrics client that, like @kennel/metrics, holds values until it flushes and tells `onFlush`
 * listeners first; `holds: false` is one that sends each value as it comes (mock mode).
 */
export class FlushingMetrics extends FakeMetrics {
  readonly listeners = new Set<() => void>();
  constructor(private readonly holds = true) {
    super();
  }
  onFlush(listener: () => void) {
    if (!this.holds) return undefined;
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  flush() {
    for (const listener of this.listeners) listener();
  }
}

/** The llm-observability session context, on AsyncLocalStorage as the real plugin keeps it. */
export class FakeLlm {
  readonly #als = new AsyncLocalStorage<{ sessionId?: string; userId?: string }>();
  withLlmContext<T>(context: { sessionId?: string; userId?: string }, fn: () => T): T {
    return this.#als.run(context, fn);
  }
  current() {
    return this.#als.getStore() ?? null;
  }
}

/** A real kennel handle whose `tracing` / `metrics` / `llm-observability` plugins are the fakes (any may be left out). */
export async function fakeKennel(parts: { tracing?: FakeTracing; metrics?: FakeMetrics; llm?: FakeLlm; plugins?: AnyPlugin[]; env?: Record<string, string> } = {}) {
  const plugins: AnyPlugin[] = [...(parts.plugins ?? [])];
  if (parts.llm) plugins.push(definePlugin({ name: 'llm-observability', setup: () => parts.llm }));
  if (parts.tracing) plugins.push(definePlugin({ name: 'tracing', setup: () => parts.tracing }));
  if (parts.metrics) plugins.push(definePlugin({ name: 'metrics', setup: () => parts.metrics }));
  return createKennel({ plugins, env: parts.env ?? {}, config: { logLevel: 'silent' } });
}
