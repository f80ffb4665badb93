import type { AgentStore } from './store.js';

/** One span as it arrived, flattened. Ids are unsigned 64-bit decimal strings. */
export interface StoredSpan {
  trace_id: string;
  span_id: string;
  /** `'0'` for a root span. */
  parent_id: string;
  name: string;
  resource: string;
  service: string;
  type: string;
  /** 0 or 1, as sent. */
  error: number;
  meta: Record<string, string>;
  metrics: Record<string, number>;
  /** Start, in nanoseconds since the epoch (a double: sub-microsecond precision is lost). */
  start: number;
  /** Duration in nanoseconds. */
  duration: number;
  /** Which intake the span came through. */
  version: 'v0.4' | 'v0.5';
  /** `Date.now()` when the agent received it. */
  receivedAt: number;
}

/** DogStatsD metric types: count, gauge, histogram, distribution, timer, set. */
export type MetricType = 'c' | 'g' | 'h' | 'd' | 'ms' | 's';

/** One metric sample exactly as parsed from a DogStatsD line. */
export interface MetricRecord {
  name: string;
  type: MetricType;
  /** Numeric value; for sets the member is in `setValue` and `value` is NaN. */
  value: number;
  /** Set member (sets may carry non-numeric values). */
  setValue?: string;
  /** Gauges only: the value had an explicit `+`/`-` sign (a relative change). */
  delta?: boolean;
  /** `@rate`, 1 when absent. */
  sampleRate: number;
  tags: string[];
  /** `|T<unix seconds>` when the client sent a timestamp. */
  timestamp?: number;
  /** `|c:<container id>` when present. */
  containerId?: string;
  receivedAt: number;
}

/** Metrics aggregated per name + type + sorted tags. */
export interface AggregatedMetric {
  name: string;
  type: MetricType;
  tags: string[];
  /** Number of samples received. */
  count: number;
  /** Counters: sum of values (not scaled by the sample rate). */
  sum: number;
  /** Gauges: the last value. For other types, the last value received. */
  last: number;
  min: number;
  max: number;
  avg: number;
  /** Sets: number of distinct members. */
  unique?: number;
}

/** A DogStatsD event (`_e{title,text}:...`). */
export interface StatsdEvent {
  title: string;
  text: string;
  timestamp?: number;
  hostname?: string;
  aggregationKey?: string;
  priority?: string;
  sourceTypeName?: string;
  alertType?: string;
  tags: string[];
  receivedAt: number;
}

/** A DogStatsD service check (`_sc|name|status...`). */
export interface ServiceCheck {
  name: string;
  /** 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
  status: number;
  timestamp?: number;
  hostname?: string;
  message?: string;
  tags: string[];
  receivedAt: number;
}

/** One LLM Observability span event received through the EVP proxy. */
export interface LlmObsSpan {
  trace_id: string;
  span_id: string;
  parent_id: string;
  name: string;
  /** `meta['span.kind']`: llm, workflow, agent, tool, task, embedding, retrieval. */
  kind: string | undefined;
  ml_app: string | undefined;
  status: string | undefined;
  tags: string[];
  meta: Record<string, unknown>;
  metrics: Record<string, unknown>;
  start_ns: number;
  duration: number;
  /** The decoded event as sent, for anything not flattened above. */
  raw: Record<string, unknown>;
  receivedAt: number;
}

/** An LLMObs evaluation metric received through the EVP proxy. */
export interface LlmObsEvaluation {
  raw: Record<string, unknown>;
  receivedAt: number;
}

/** An intake request kept for inspection (traces, stats, telemetry, profiles, EVP proxy). */
export interface RecordedRequest {
  /** Arrival order, increasing. */
  seq: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** `X-Datadog-Test-Session-Token` header or `test_session_token` query, when sent. */
  sessionToken?: string;
  /** Decoded body (JSON or msgpack) for stats, telemetry and other EVP paths; undefined for traces and profiles. */
  body: unknown;
  bytes: number;
  receivedAt: number;
}

/** Limits that keep a long-running agent bounded. Oldest entries are dropped first. */
export interface StoreLimits {
  /** @default 10000 */
  maxSpans: number;
  /** @default 50000 */
  maxMetrics: number;
  /** @default 1000 */
  maxEvents: number;
  /** @default 1000 */
  maxServiceChecks: number;
  /** @default 5000 */
  maxLlmSpans: number;
  /** Intake requests logged for `/api/requests` and `/test/session/*`. @default 1000 */
  maxRequests: number;
  /** Raw body bytes the request log may hold. @default 64 MiB */
  maxRequestBytes: number;
  /** Distinct name+type+tags series kept by the aggregated metric view. @default 10000 */
  maxSeries: number;
}

/** Counters exposed by `store.counters` and `GET /api/summary`. */
export interface AgentCounters {
  tracePayloads: number;
  spansReceived: number;
  spansDropped: number;
  metricsReceived: number;
  metricsDropped: number;
  eventsDropped: number;
  serviceChecksDropped: number;
  llmSpansReceived: number;
  llmSpansDropped: number;
  requestsDropped: number;
  /** Metric samples not aggregated because `maxSeries` was reached (still kept raw). */
  seriesDropped: number;
  /** Trace/EVP bodies that could not be decoded (answered 400). */
  malformedPayloads: number;
  /** Bodies over `maxBodyBytes` (answered 413). */
  oversizedPayloads: number;
  /** DogStatsD lines that could not be parsed. */
  malformedStatsdLines: number;
  statsdPackets: number;
}

export interface WaitOptions {
  /** @default 5000 */
  timeoutMs?: number;
  /** With a predicate: how many matching items to wait for. @default 1 */
  count?: number;
}

export type SpanPredicate = (span: StoredSpan) => boolean;
export type MetricPredicate = (metric: MetricRecord) => boolean;

/** Filter for span listings (all fields optional, combined with AND). */
export interface SpanFilter {
  service?: string;
  name?: string;
  resource?: string;
  trace_id?: string;
  error?: boolean;
}

/** Filter for metric listings. `tag` entries must all be present. */
export interface MetricFilter {
  name?: string;
  type?: MetricType;
  tags?: string[];
}

export interface StoreSummary {
  spans: number;
  traces: number;
  services: string[];
  metrics: number;
  metricNames: string[];
  events: number;
  serviceChecks: number;
  llmSpans: number;
  llmEvaluations: number;
  requests: number;
  counters: AgentCounters;
}

export interface LocalAgentOptions {
  /** HTTP port for traces, EVP proxy and the JSON API. 0 = ephemeral. @default 8126 */
  tracePort?: number;
  /** UDP port for DogStatsD. 0 = ephemeral. @default 8125 */
  statsdPort?: number;
  /** Interface to bind both servers to. @default '127.0.0.1' */
  host?: string;
  /** Largest accepted HTTP body; larger bodies get 413. @default 50 MiB */
  maxBodyBytes?: number;
  /** Storage limits; unset fields keep their defaults. */
  limits?: Partial<StoreLimits>;
  /** Directory for `/test/session/snapshot` files, relative to the working directory. @default 'snapshots' */
  snapshotDir?: string;
  /** Snapshot CI mode: a missing snapshot file fails instead of being written. @default false */
  snapshotCiMode?: boolean;
  /** Where warnings (malformed packets, rate-limited) go. @default console.warn */
  log?: (message: string) => void;
}

export interface LocalAgent {
  /** `http://host:port` of the HTTP server (traces, EVP, JSON API). */
  url: string;
  host: string;
  ports: { trace: number; statsd: number };
  /**
   * Environment variables that point dd-trace and hot-shots at this agent (for child processes):
   * `DD_TRACE_AGENT_URL`, `DD_AGENT_HOST`, `DD_TRACE_AGENT_PORT`, `DD_DOGSTATSD_HOST`, `DD_DOGSTATSD_PORT`.
   */
  env: Record<string, string>;
  store: AgentStore;
  close(): Promise<void>;
}
