/**
 * The @kennel/metrics public API contract. Other kennel packages (express, fastify,
 * llm-observability, the demo daemon) code against these types via `ctx.get('metrics')`.
 */

/** Tags as `{ key: value }` or already-formatted `['key:value']` strings. */
export type MetricTags = Readonly<Record<string, string | number | boolean>> | readonly string[];

/** Per-call options for metric methods. */
export interface MetricOptions {
  /** Client-side sampling, 0 < rate ≤ 1; the agent scales counts back up. @default 1 */
  sampleRate?: number;
}

export interface EventOptions {
  alertType?: 'error' | 'warning' | 'info' | 'success';
  priority?: 'normal' | 'low';
  aggregationKey?: string;
  sourceTypeName?: string;
  /** When it happened: a Date or Unix seconds. @default now (set by the agent) */
  date?: Date | number;
  hostname?: string;
}

export type ServiceCheckStatus = 0 | 1 | 2 | 3; // OK, WARNING, CRITICAL, UNKNOWN

/** Counters since the client started; cheap to read. */
export interface MetricsStats {
  /** Lines (metrics, events, checks) handed to the DogStatsD client. */
  sent: number;
  /** Lines refused: invalid name/value, over the payload cap, or emitted after shutdown. */
  dropped: number;
  /** Lines skipped by client-side sampling. */
  sampledOut: number;
  /** Socket/DNS/transport errors reported by hot-shots (never thrown). */
  errors: number;
  /** `udp`, `uds` or `mock`. */
  transport: 'udp' | 'uds' | 'mock' | 'none';
  /** Largest datagram the client builds, in bytes. */
  maxPayloadBytes: number;
}

/** What a series can be bound to (see `MetricsApi.series`): the kinds kennel aggregates between flushes. */
export type SeriesKind = 'increment' | 'distribution' | 'histogram' | 'timing';

/** One metric series, bound once to its kind, name and tags. */
export interface MetricSeries {
  /** Records one value: what `metrics[kind](name, value, tags)` does, without finding the series again. */
  record(value: number): void;
}

export interface MetricsApi {
  increment(name: string, value?: number, tags?: MetricTags, options?: MetricOptions): void;
  decrement(name: string, value?: number, tags?: MetricTags, options?: MetricOptions): void;
  gauge(name: string, value: number, tags?: MetricTags, options?: MetricOptions): void;
  histogram(name: string, value: number, tags?: MetricTags, options?: MetricOptions): void;
  distribution(name: string, value: number, tags?: MetricTags, options?: MetricOptions): void;
  timing(name: string, ms: number, tags?: MetricTags, options?: MetricOptions): void;
  set(name: string, value: string | number, tags?: MetricTags, options?: MetricOptions): void;
  /**
   * Binds a series for a hot path that records it over and over (a request counter per route):
   * the name, tags and aggregated series are resolved once per flush interval rather than on every
   * call. `record(v)` is then `metrics[kind](name, v, tags)`: same validation, scrubbing and
   * aggregation. The tags are read now, as they are (bind again for other tags); values are unsampled.
   */
  series(kind: SeriesKind, name: string, tags?: MetricTags): MetricSeries;
  /**
   * Calls `listener` at the start of every flush (the periodic one, `flush()`, and the last one at
   * shutdown), so that a caller holding values of its own until then records them first: @kennel/http
   * holds request outcomes and records them in batches. Returns the function that removes the
   * listener, or undefined when this client holds nothing between flushes (mock mode,
   * `aggregate: false`, metrics disabled, after shutdown): record each value as it comes then. A
   * listener that throws is reported once and never rethrown.
   */
  onFlush(listener: () => void): (() => void) | undefined;
  /** Times `fn` (sync or async) and records a distribution in ms; rethrows unchanged. */
  timer<T>(name: string, fn: () => T, tags?: MetricTags): T;
  event(title: string, text: string, options?: EventOptions, tags?: MetricTags): void;
  serviceCheck(name: string, status: ServiceCheckStatus, options?: { hostname?: string; message?: string }, tags?: MetricTags): void;
  /** Sends what is buffered now; always resolves. */
  flush(): Promise<void>;
  /** Counters: sent, dropped, sampled out, transport errors. */
  stats(): MetricsStats;
  /** In `mock: true` mode, the DogStatsD lines that would have been sent (live array; empty otherwise). */
  mockBuffer(): string[];
}

/** Options for `metricsPlugin()`; everything else comes from the kennel config (`agent.*`, `metrics.*`). */
export interface MetricsOptions {
  /** Record lines in `mockBuffer()` instead of sending them (for users' unit tests). @default false */
  mock?: boolean;
  /**
   * Largest datagram in bytes; lines are batched up to this size and longer lines are dropped (counted).
   * @default 8192 for UDS and loopback UDP, 1432 for UDP to another host (fits a 1500-byte MTU). Capped at 8192, the agent's buffer.
   */
  maxPayloadBytes?: number;
  /** When `agent.statsdHost` is a name, re-resolve it this often (last good address kept on failure). @default 30000 */
  dnsRefreshMs?: number;
  /** Transport errors are counted always and logged at most once per this interval. @default 60000 */
  errorLogIntervalMs?: number;
  /** Upper bound for `flush()`, so it always resolves. @default 2000 */
  flushTimeoutMs?: number;
  /**
   * Client-side aggregation between flushes (`metrics.flushIntervalMs`): counts of one series are
   * summed, distribution/histogram/timing values packed into one line (DogStatsD 1.1, Agent ≥ 7.25).
   * Sampled calls, gauges, sets and mock mode are never aggregated. `false` sends one line per call.
   * @default true
   */
  aggregate?: boolean;
  /** Most lines kept by `mockBuffer()`; the oldest are discarded beyond it. @default 10000 */
  mockBufferLimit?: number;
}

/** Options for `startDaemonTelemetry()` / `daemonMetricsPlugin()`. */
export interface DaemonTelemetryOptions {
  /** How often `daemon.uptime` (and runtime metrics) are sent. @default 10000 */
  intervalMs?: number;
  /** `performance.now()` when initialisation began. @default 0 (process start) */
  initStartedAt?: number;
  /** Also send event-loop delay, heap and GC metrics (`runtime.node.*`). @default false */
  runtimeMetrics?: boolean;
  /** Send a `daemon.startup` event carrying the process metadata. @default true */
  startupEvent?: boolean;
}

/** Handle returned by `startDaemonTelemetry()`. */
export interface DaemonTelemetry {
  /** Stops the uptime interval and runtime observers; idempotent. */
  stop(): void;
}
