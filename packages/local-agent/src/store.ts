import { EventEmitter } from 'node:events';
import { MetricAggregator } from './metric-aggregator.js';
import { optionError } from './option-error.js';
import { describeMetric, describeSpan, groupByTrace, matchesMetric, matchesSpan } from './queries.js';
import { publicView, RequestLog, type LoggedRequest } from './request-log.js';
import { RingBuffer } from './ring-buffer.js';
import type { ParsedPacket } from './statsd-parser.js';
import type { TraceVersion } from './trace-decoder.js';
import type {
  AgentCounters,
  AggregatedMetric,
  LlmObsEvaluation,
  LlmObsSpan,
  MetricFilter,
  MetricPredicate,
  MetricRecord,
  RecordedRequest,
  ServiceCheck,
  SpanFilter,
  SpanPredicate,
  StatsdEvent,
  StoredSpan,
  StoreLimits,
  StoreSummary,
  WaitOptions,
} from './types.js';
import { waitForCount, waitForFirst, type WaitSource } from './wait.js';

export const DEFAULT_LIMITS: StoreLimits = {
  maxSpans: 10_000,
  maxMetrics: 50_000,
  maxEvents: 1_000,
  maxServiceChecks: 1_000,
  maxLlmSpans: 5_000,
  maxRequests: 1_000,
  maxRequestBytes: 64 << 20,
  maxSeries: 10_000,
};

/** What the store emits on `onRecord`, one call per stored item (drives waiters and the SSE stream). */
export type StoreRecord =
  | { kind: 'span'; item: StoredSpan }
  | { kind: 'metric'; item: MetricRecord }
  | { kind: 'event'; item: StatsdEvent }
  | { kind: 'serviceCheck'; item: ServiceCheck }
  | { kind: 'llmSpan'; item: LlmObsSpan }
  | { kind: 'llmEvaluation'; item: LlmObsEvaluation }
  | { kind: 'request'; item: RecordedRequest }
  | { kind: 'reset'; item: null };

type Failure = 'malformedPayloads' | 'oversizedPayloads' | 'malformedStatsdLines';

function zeroCounters(): AgentCounters {
  return {
    tracePayloads: 0,
    spansReceived: 0,
    spansDropped: 0,
    metricsReceived: 0,
    metricsDropped: 0,
    eventsDropped: 0,
    serviceChecksDropped: 0,
    llmSpansReceived: 0,
    llmSpansDropped: 0,
    requestsDropped: 0,
    seriesDropped: 0,
    malformedPayloads: 0,
    oversizedPayloads: 0,
    malformedStatsdLines: 0,
    statsdPackets: 0,
  };
}

/**
 * Everything the agent received, bounded, with filters and "wait until it arrived" helpers.
 * Waiters are driven by arrival events, never by polling.
 */
export class AgentStore {
  readonly limits: StoreLimits;
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  readonly #spans: RingBuffer<StoredSpan>;
  readonly #metrics: RingBuffer<MetricRecord>;
  readonly #events: RingBuffer<StatsdEvent>;
  readonly #serviceChecks: RingBuffer<ServiceCheck>;
  readonly #llmSpans: RingBuffer<LlmObsSpan>;
  readonly #llmEvaluations: RingBuffer<LlmObsEvaluation>;
  /** @internal Backs `/api/requests` and the `/test/session/*` views. */
  readonly requestLog: RequestLog;
  readonly #aggregator: MetricAggregator;
  #counters = zeroCounters();

  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    for (const [key, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1) {
        throw optionError(`limits.${key}=${String(value)} is invalid: expected a positive integer`);
      }
    }
    this.#spans = new RingBuffer(this.limits.maxSpans);
    this.#metrics = new RingBuffer(this.limits.maxMetrics);
    this.#events = new RingBuffer(this.limits.maxEvents);
    this.#serviceChecks = new RingBuffer(this.limits.maxServiceChecks);
    this.#llmSpans = new RingBuffer(this.limits.maxLlmSpans);
    this.#llmEvaluations = new RingBuffer(this.limits.maxLlmSpans);
    this.requestLog = new RequestLog(this.limits.maxRequests, this.limits.maxRequestBytes);
    this.#aggregator = new MetricAggregator(this.limits.maxSeries);
  }

  // ---- intake -------------------------------------------------------------------------------

  /** Stores the spans of one payload and returns them as stored. */
  addTraces(traces: Omit<StoredSpan, 'version' | 'receivedAt'>[][], version: TraceVersion): StoredSpan[] {
    const receivedAt = Date.now();
    this.#counters.tracePayloads++;
    const stored: StoredSpan[] = [];
    for (const trace of traces) {
      for (const fields of trace) {
        const span: StoredSpan = { ...fields, version, receivedAt };
        stored.push(span);
        this.#counters.spansReceived++;
        if (this.#spans.push(span)) this.#counters.spansDropped++;
        this.#emit({ kind: 'span', item: span });
      }
    }
    return stored;
  }

  addStatsd(packet: ParsedPacket): void {
    const receivedAt = Date.now();
    this.#counters.statsdPackets++;
    this.#counters.malformedStatsdLines += packet.errors.length;
    for (const fields of packet.metrics) {
      // The parsed record is ours alone: stamped in place, not copied (a packed line holds many).
      const metric = fields as MetricRecord;
      metric.receivedAt = receivedAt;
      this.#counters.metricsReceived++;
      if (this.#metrics.push(metric)) this.#counters.metricsDropped++;
      if (!this.#aggregator.add(metric)) this.#counters.seriesDropped++;
      // Only waiters listen; a packed line carries a thousand values, each worth no event object otherwise.
      if (this.#emitter.listenerCount('record') > 0) this.#emit({ kind: 'metric', item: metric });
    }
    for (const fields of packet.events) {
      const event: StatsdEvent = { ...fields, receivedAt };
      if (this.#events.push(event)) this.#counters.eventsDropped++;
      this.#emit({ kind: 'event', item: event });
    }
    for (const fields of packet.serviceChecks) {
      const check: ServiceCheck = { ...fields, receivedAt };
      if (this.#serviceChecks.push(check)) this.#counters.serviceChecksDropped++;
      this.#emit({ kind: 'serviceCheck', item: check });
    }
  }

  addLlmSpans(spans: Omit<LlmObsSpan, 'receivedAt'>[]): void {
    const receivedAt = Date.now();
    for (const fields of spans) {
      const span: LlmObsSpan = { ...fields, receivedAt };
      this.#counters.llmSpansReceived++;
      if (this.#llmSpans.push(span)) this.#counters.llmSpansDropped++;
      this.#emit({ kind: 'llmSpan', item: span });
    }
  }

  addLlmEvaluations(metrics: Record<string, unknown>[]): void {
    const receivedAt = Date.now();
    for (const raw of metrics) {
      const evaluation: LlmObsEvaluation = { raw, receivedAt };
      this.#llmEvaluations.push(evaluation);
      this.#emit({ kind: 'llmEvaluation', item: evaluation });
    }
  }

  /** Logs an intake request (evicting the oldest past the count/byte limits). */
  addRequest(request: Omit<LoggedRequest, 'seq'>): void {
    const logged = this.requestLog.add(request);
    if (logged.kind === 'traces' || logged.kind === 'session-start') return;
    this.#emit({ kind: 'request', item: publicView(logged) });
  }

  /** Counts a rejected payload or statsd line. */
  countFailure(kind: Failure, count = 1): void {
    this.#counters[kind] += count;
  }

  // ---- queries ------------------------------------------------------------------------------

  /** Stored spans, oldest first, optionally filtered. */
  spans(filter: SpanFilter = {}): StoredSpan[] {
    return this.#spans.toArray().filter((span) => matchesSpan(span, filter));
  }

  /** Spans grouped by trace id (traces in order of first arrival); a filter keeps whole traces with any match. */
  traces(filter: SpanFilter = {}): StoredSpan[][] {
    return groupByTrace(this.#spans.toArray()).filter((trace) => trace.some((span) => matchesSpan(span, filter)));
  }

  /** Raw metric samples, oldest first. */
  metrics(filter: MetricFilter = {}): MetricRecord[] {
    return this.#metrics.toArray().filter((metric) => matchesMetric(metric, filter));
  }

  /** One entry per name + type + tags since the last reset. */
  aggregatedMetrics(filter: MetricFilter = {}): AggregatedMetric[] {
    return this.#aggregator.list().filter((metric) => matchesMetric(metric, filter));
  }

  events(): StatsdEvent[] {
    return this.#events.toArray();
  }

  serviceChecks(): ServiceCheck[] {
    return this.#serviceChecks.toArray();
  }

  llmSpans(): LlmObsSpan[] {
    return this.#llmSpans.toArray();
  }

  llmEvaluations(): LlmObsEvaluation[] {
    return this.#llmEvaluations.toArray();
  }

  /** Logged intake requests (traces, stats, telemetry, profiles, EVP), oldest first; optionally only paths starting with `pathPrefix`. */
  requests(pathPrefix = ''): RecordedRequest[] {
    return this.requestLog
      .entries()
      .filter((request) => request.kind !== 'session-start' && request.path.startsWith(pathPrefix))
      .map(publicView);
  }

  get counters(): AgentCounters {
    return { ...this.#counters, requestsDropped: this.requestLog.dropped };
  }

  summary(): StoreSummary {
    const spans = this.#spans.toArray();
    const metrics = this.#aggregator.list();
    return {
      spans: spans.length,
      traces: new Set(spans.map((span) => span.trace_id)).size,
      services: [...new Set(spans.map((span) => span.service))].sort(),
      metrics: this.#metrics.size,
      metricNames: [...new Set(metrics.map((metric) => metric.name))].sort(),
      events: this.#events.size,
      serviceChecks: this.#serviceChecks.size,
      llmSpans: this.#llmSpans.size,
      llmEvaluations: this.#llmEvaluations.size,
      requests: this.requestLog.size,
      counters: this.counters,
    };
  }

  /** Forgets everything received and zeroes the counters. */
  reset(): void {
    for (const buffer of [this.#spans, this.#metrics, this.#events, this.#serviceChecks, this.#llmSpans, this.#llmEvaluations]) {
      buffer.clear();
    }
    this.requestLog.clear();
    this.#aggregator.clear();
    this.#counters = zeroCounters();
    this.#emit({ kind: 'reset', item: null });
  }

  /** Calls `listener` for every stored item; returns the unsubscribe function. */
  onRecord(listener: (record: StoreRecord) => void): () => void {
    this.#emitter.on('record', listener);
    return () => this.#emitter.off('record', listener);
  }

  // ---- waiting (resolved by arrivals, never by polling) --------------------------------------

  /**
   * Resolves with the stored spans once at least `n` are stored, or with the matching spans once
   * `options.count` (default 1) spans match the predicate. Rejects on timeout listing what arrived.
   */
  waitForSpans(countOrPredicate: number | SpanPredicate, options: WaitOptions = {}): Promise<StoredSpan[]> {
    return waitForCount(this.#source('span', () => this.spans(), describeSpan), 'span', countOrPredicate, options);
  }

  /** Resolves with the first metric sample named `name` (and matching `predicate`). */
  waitForMetric(name: string, predicate: MetricPredicate = () => true, options: WaitOptions = {}): Promise<MetricRecord> {
    const source = this.#source('metric', () => this.metrics(), describeMetric);
    return waitForFirst(source, `metric "${name}"`, (metric) => metric.name === name && predicate(metric), options);
  }

  /** Like `waitForSpans`, for LLM Observability spans. */
  waitForLlmSpans(countOrPredicate: number | ((span: LlmObsSpan) => boolean), options: WaitOptions = {}): Promise<LlmObsSpan[]> {
    const source = this.#source('llmSpan', () => this.llmSpans(), (s) => `${s.kind ?? '?'} ${s.name}`);
    return waitForCount(source, 'LLMObs span', countOrPredicate, options);
  }

  /** Resolves with the stored LLMObs evaluation metrics once at least `n` arrived. */
  waitForLlmEvaluations(n: number, options: WaitOptions = {}): Promise<LlmObsEvaluation[]> {
    const source = this.#source('llmEvaluation', () => this.llmEvaluations(), (e) => String(e.raw.label));
    return waitForCount(source, 'LLMObs evaluation', n, options);
  }

  /** Resolves with the first DogStatsD event with this title (or matching the predicate). */
  waitForEvent(titleOrPredicate: string | ((event: StatsdEvent) => boolean), options: WaitOptions = {}): Promise<StatsdEvent> {
    const source = this.#source('event', () => this.events(), (e) => e.title);
    if (typeof titleOrPredicate !== 'string') return waitForFirst(source, 'a matching event', titleOrPredicate, options);
    return waitForFirst(source, `event "${titleOrPredicate}"`, (e) => e.title === titleOrPredicate, options);
  }

  /** Resolves with the first service check with this name (or matching the predicate). */
  waitForServiceCheck(nameOrPredicate: string | ((check: ServiceCheck) => boolean), options: WaitOptions = {}): Promise<ServiceCheck> {
    const source = this.#source('serviceCheck', () => this.serviceChecks(), (c) => `${c.name}=${c.status}`);
    if (typeof nameOrPredicate !== 'string') return waitForFirst(source, 'a matching service check', nameOrPredicate, options);
    return waitForFirst(source, `service check "${nameOrPredicate}"`, (c) => c.name === nameOrPredicate, options);
  }

  /** A wait source that re-checks only on arrivals of its own kind (checks copy the buffer). */
  #source<T>(kind: StoreRecord['kind'], all: () => T[], describe: (item: T) => string): WaitSource<T> {
    return { all, describe, subscribe: (onChange) => this.onRecord((record) => record.kind === kind && onChange()) };
  }

  #emit(record: StoreRecord): void {
    this.#emitter.emit('record', record);
  }
}
