import { isBoolean, isMatch, isNonEmpty, isNumberIn, isOneOf, type Check } from './checks.js';

/**
 * The config table: each leaf's path, env vars (highest priority first), value check, and the
 * accepted-values text used in error messages. Docs and validation both read from here.
 */
export interface Field {
  path: string;
  env: readonly string[];
  /** True when a value (given as an option, or parsed from the env var) is accepted. */
  accepts: Check;
  expected: string;
  /** Parses the raw env string; returning `undefined` marks it unparseable. */
  parseEnv: (raw: string) => unknown;
  default?: unknown;
  secret?: boolean;
}

const text = (raw: string): unknown => raw;
const num = (raw: string): unknown => (raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw));
const TRUE = /^(1|true|yes|on|y)$/i;
const FALSE = /^(0|false|no|off|n)$/i;
export const parseBool = (raw: string): unknown => (TRUE.test(raw.trim()) ? true : FALSE.test(raw.trim()) ? false : raw);

const port = isNumberIn(0, 65535, true);
const BOOL = 'true or false (also 1/0, yes/no, on/off)';
const PORT = 'an integer port from 0 to 65535';

const f = (path: string, env: string[], accepts: Check, expected: string, parseEnv = text, extra: Partial<Field> = {}): Field => ({
  path, env, accepts, expected, parseEnv, ...extra,
});

export const fields: readonly Field[] = [
  f('preset', ['KENNEL_PRESET'], isOneOf('dev', 'staging', 'prod'), 'one of "dev", "staging", "prod"'),
  f('service', ['DD_SERVICE'], isNonEmpty, 'a non-empty string'),
  f('env', ['DD_ENV'], isNonEmpty, 'a non-empty string'),
  f('version', ['DD_VERSION'], isNonEmpty, 'a non-empty string'),
  f('logLevel', ['KENNEL_LOG_LEVEL'], isOneOf('debug', 'info', 'warn', 'error', 'silent'), 'one of "debug", "info", "warn", "error", "silent"'),
  f('agent.host', ['DD_AGENT_HOST'], isNonEmpty, 'a host name or IP address', text, { default: '127.0.0.1' }),
  f('agent.tracePort', ['DD_TRACE_AGENT_PORT'], port, PORT, num, { default: 8126 }),
  f('agent.traceUrl', ['DD_TRACE_AGENT_URL'], isMatch(/^(https?:\/\/[^\s/]+(:\d+)?\/?|unix:\/\/\/?\S+)$/), 'an http(s)://host:port or unix:///path/to/socket URL'),
  f('agent.statsdHost', ['DD_DOGSTATSD_HOST'], isNonEmpty, 'a host name or IP address'),
  f('agent.statsdPort', ['DD_DOGSTATSD_PORT'], port, PORT, num, { default: 8125 }),
  f('agent.statsdSocket', [], isNonEmpty, 'an absolute unix socket path'),
  f('tracing.enabled', ['DD_TRACE_ENABLED'], isBoolean, BOOL, parseBool, { default: true }),
  f('tracing.sampleRate', ['DD_TRACE_SAMPLE_RATE'], isNumberIn(0, 1, false), 'a number from 0 to 1', num),
  f('tracing.logInjection', ['DD_LOGS_INJECTION'], isBoolean, BOOL, parseBool, { default: true }),
  f('tracing.runtimeMetrics', ['DD_RUNTIME_METRICS_ENABLED'], isBoolean, BOOL, parseBool, { default: false }),
  f('tracing.startupLogs', ['DD_TRACE_STARTUP_LOGS'], isBoolean, BOOL, parseBool),
  f('tracing.preset', ['KENNEL_TRACING_PRESET'], isOneOf('default', 'lean'), 'one of "default", "lean"'),
  f('metrics.enabled', ['KENNEL_METRICS_ENABLED'], isBoolean, BOOL, parseBool, { default: true }),
  f('metrics.prefix', ['KENNEL_METRICS_PREFIX'], isMatch(/^([a-zA-Z][\w.]*)?$/), 'a metric name prefix starting with a letter (letters, digits, _ and .)', text, { default: '' }),
  f('metrics.flushIntervalMs', ['KENNEL_METRICS_FLUSH_INTERVAL_MS'], isNumberIn(10, 60_000, true), 'an integer number of milliseconds from 10 to 60000', num),
  f('metrics.maxTagValues', ['KENNEL_METRICS_MAX_TAG_VALUES'], isNumberIn(1, Number.MAX_SAFE_INTEGER, true), 'a positive integer', num, { default: 1000 }),
  f('llmobs.enabled', ['DD_LLMOBS_ENABLED'], isBoolean, BOOL, parseBool, { default: true }),
  f('llmobs.mlApp', ['DD_LLMOBS_ML_APP'], isNonEmpty, 'a non-empty string'),
  f('llmobs.content', ['KENNEL_LLM_CONTENT'], isOneOf('full', 'metadata-only'), 'one of "full", "metadata-only"', text, { default: 'full' }),
  f('llmobs.agentless', ['DD_LLMOBS_AGENTLESS_ENABLED'], isBoolean, BOOL, parseBool, { default: false }),
  f('pii.strictness', ['KENNEL_PII_STRICTNESS'], isOneOf('off', 'standard', 'strict'), 'one of "off", "standard", "strict"'),
  f('datadog.site', ['DD_SITE'], isMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/i), 'a Datadog site such as "datadoghq.com" or "datadoghq.eu"', text, { default: 'datadoghq.com' }),
  f('datadog.apiKey', ['DD_API_KEY'], isNonEmpty, 'a non-empty string', text, { secret: true }),
  f('datadog.appKey', ['DD_APP_KEY', 'DD_APPLICATION_KEY'], isNonEmpty, 'a non-empty string', text, { secret: true }),
  f('shutdownTimeoutMs', ['KENNEL_SHUTDOWN_TIMEOUT_MS'], isNumberIn(1, 600_000, true), 'an integer number of milliseconds from 1 to 600000', num, { default: 5000 }),
];

export const fieldByPath: ReadonlyMap<string, Field> = new Map(fields.map((x) => [x.path, x]));
/** Top-level option keys handled outside the table. */
export const specialKeys = new Set(['tags', 'plugins']);
