/**
 * Every error kennel raises has a stable code, defined here and nowhere else.
 * Codes are never reused; docs/errors.md lists code → meaning → fix.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'KENNEL_ERR_CONFIG_INVALID',
  PLUGIN_INVALID: 'KENNEL_ERR_PLUGIN_INVALID',
  PLUGIN_MISSING_DEPENDENCY: 'KENNEL_ERR_PLUGIN_MISSING_DEPENDENCY',
  PLUGIN_CYCLE: 'KENNEL_ERR_PLUGIN_CYCLE',
  PLUGIN_SETUP_FAILED: 'KENNEL_ERR_PLUGIN_SETUP_FAILED',
  PLUGIN_UNKNOWN: 'KENNEL_ERR_PLUGIN_UNKNOWN',
  PLUGIN_UNDECLARED_DEPENDENCY: 'KENNEL_ERR_PLUGIN_UNDECLARED_DEPENDENCY',
  SHUTDOWN_TIMEOUT: 'KENNEL_ERR_SHUTDOWN_TIMEOUT',
  METRICS_UDS_UNAVAILABLE: 'KENNEL_ERR_METRICS_UDS_UNAVAILABLE',
  METRICS_TRANSPORT_ERROR: 'KENNEL_ERR_METRICS_TRANSPORT_ERROR',
  METRICS_CLIENT_UNSUPPORTED: 'KENNEL_ERR_METRICS_CLIENT_UNSUPPORTED',
  AGENT_OPTION_INVALID: 'KENNEL_ERR_AGENT_OPTION_INVALID',
  AGENT_LISTEN_FAILED: 'KENNEL_ERR_AGENT_LISTEN_FAILED',
  PEER_DEPENDENCY_MISSING: 'KENNEL_ERR_PEER_DEPENDENCY_MISSING',
  PII_OPTION_INVALID: 'KENNEL_ERR_PII_OPTION_INVALID',
  PII_SALT_MISSING: 'KENNEL_ERR_PII_SALT_MISSING',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class KennelError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KennelError';
    this.code = code;
  }
}

/** One invalid configuration value: where it came from, what it was, what is accepted. */
export interface ConfigIssue {
  /** `DD_TRACE_SAMPLE_RATE` for env vars, `options.tracing.sampleRate` for code options. */
  source: string;
  /** The value received, as given. */
  received: unknown;
  /** Human description of what is accepted. */
  expected: string;
}

/** Thrown by config resolution with every problem found, not just the first. */
export class KennelConfigError extends KennelError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.source}=${show(i.received)} is invalid: expected ${i.expected}`);
    const noun = issues.length === 1 ? 'problem' : 'problems';
    super(ErrorCodes.CONFIG_INVALID, `Invalid kennel configuration (${issues.length} ${noun}):\n${lines.join('\n')}`);
    this.name = 'KennelConfigError';
    this.issues = issues;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value); // JSON would print NaN and Infinity as null
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
