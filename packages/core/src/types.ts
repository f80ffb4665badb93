/** Presets tune defaults per environment; selected by `preset`, `KENNEL_PRESET` or the env name. */
export type PresetName = 'dev' | 'staging' | 'prod';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
/** How aggressively @kennel/pii-filter scrubs: `off` passes data through, `standard` keeps IP addresses, `strict` also scrubs IPs and personal key names (see its README). */
export type PiiStrictness = 'off' | 'standard' | 'strict';

/** The resolved, validated, frozen configuration every plugin receives. */
export interface KennelConfig {
  readonly preset: PresetName;
  /** @env DD_SERVICE */
  readonly service: string;
  /** @env DD_ENV */
  readonly env: string;
  /** @env DD_VERSION */
  readonly version: string | undefined;
  /** Global tags from options + DD_TAGS (DD_TAGS wins per key). Unified service/env/version are not repeated here. */
  readonly tags: Readonly<Record<string, string>>;
  /** @env KENNEL_LOG_LEVEL */
  readonly logLevel: LogLevel;
  readonly agent: Readonly<AgentConfig>;
  readonly tracing: Readonly<TracingConfig>;
  readonly metrics: Readonly<MetricsConfig>;
  readonly llmobs: Readonly<LlmObsConfig>;
  readonly pii: Readonly<PiiConfig>;
  readonly datadog: Readonly<DatadogConfig>;
  /** Feature flags per plugin name; a missing entry means enabled. */
  readonly plugins: Readonly<Record<string, boolean>>;
  /** Upper bound for each plugin's shutdown. @env KENNEL_SHUTDOWN_TIMEOUT_MS */
  readonly shutdownTimeoutMs: number;
}

export interface AgentConfig {
  /** @env DD_AGENT_HOST @default "127.0.0.1" */
  host: string;
  /** @env DD_TRACE_AGENT_PORT @default 8126 */
  tracePort: number;
  /** Full trace intake URL: `http(s)://host:port` or `unix:///path.sock`. @env DD_TRACE_AGENT_URL */
  traceUrl: string;
  /** @env DD_DOGSTATSD_HOST @default agent.host */
  statsdHost: string;
  /** @env DD_DOGSTATSD_PORT @default 8125 */
  statsdPort: number;
  /** Unix datagram socket path for DogStatsD; wins over host/port. @env DD_DOGSTATSD_URL (unix://…) */
  statsdSocket: string | undefined;
}

export interface TracingConfig {
  /** @env DD_TRACE_ENABLED @default true */
  enabled: boolean;
  /** 0..1; undefined lets the agent drive sampling. @env DD_TRACE_SAMPLE_RATE @default dev/staging 1, prod undefined */
  sampleRate: number | undefined;
  /** Inject trace ids into log records. @env DD_LOGS_INJECTION @default true */
  logInjection: boolean;
  /** dd-trace runtime metrics. @env DD_RUNTIME_METRICS_ENABLED @default false */
  runtimeMetrics: boolean;
  /** dd-trace's start-up configuration log. @env DD_TRACE_STARTUP_LOGS @default dev true, else false */
  startupLogs: boolean;
  /**
   * @kennel/tracing's dd-trace settings preset: `lean` leaves each request's web span to kennel's
   * framework middleware (@kennel/fastify, @kennel/express). @env KENNEL_TRACING_PRESET
   * @default dev/staging "default", prod "lean"
   */
  preset: 'default' | 'lean';
}

export interface MetricsConfig {
  /** @env KENNEL_METRICS_ENABLED @default true */
  enabled: boolean;
  /** Prefix for every metric name, e.g. `myapp.`. @env KENNEL_METRICS_PREFIX @default "" */
  prefix: string;
  /** How often buffered metrics are flushed. @env KENNEL_METRICS_FLUSH_INTERVAL_MS @default dev 500, staging 1000, prod 2000 */
  flushIntervalMs: number;
  /** Warn once when a tag key sees more distinct values than this. @env KENNEL_METRICS_MAX_TAG_VALUES @default 1000 */
  maxTagValues: number;
}

export interface LlmObsConfig {
  /** @env DD_LLMOBS_ENABLED @default true (when the plugin is installed) */
  enabled: boolean;
  /** @env DD_LLMOBS_ML_APP @default service */
  mlApp: string;
  /** `metadata-only` drops prompts/completions but keeps model, tokens and cost. @env KENNEL_LLM_CONTENT @default "full" */
  content: 'full' | 'metadata-only';
  /** Send straight to Datadog (needs datadog.apiKey) instead of the agent's EVP proxy. @env DD_LLMOBS_AGENTLESS_ENABLED @default false */
  agentless: boolean;
}

export interface PiiConfig {
  /** @env KENNEL_PII_STRICTNESS @default dev/staging "standard", prod "strict" */
  strictness: PiiStrictness;
}

export interface DatadogConfig {
  /** @env DD_SITE @default "datadoghq.com" */
  site: string;
  /** Secret: redacted whenever the config is printed. @env DD_API_KEY */
  apiKey: string | undefined;
  /** Secret: redacted whenever the config is printed. @env DD_APP_KEY */
  appKey: string | undefined;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** What `createKennel({ config })` and `resolveConfig()` accept; every field optional. */
export interface KennelOptions
  extends DeepPartial<Omit<KennelConfig, 'tags' | 'plugins' | 'agent' | 'version'>> {
  version?: string;
  agent?: Partial<Omit<AgentConfig, 'traceUrl' | 'statsdSocket'>> & { traceUrl?: string; statsdSocket?: string };
  /** `{ team: 'core' }` or `['team:core']`. */
  tags?: Readonly<Record<string, string | number | boolean>> | readonly string[];
  /** Feature flags: `{ tracing: false }` disables the tracing plugin (its API becomes a no-op). */
  plugins?: Readonly<Record<string, boolean>>;
}

/** Minimal structured logger; pino, console and kennel's default logger all fit. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
