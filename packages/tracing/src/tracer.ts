import { subscribe } from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import { createLogger, ErrorCodes, KennelError, onceGate, type KennelConfig, type Logger } from '@kennel/core';
import type { DdTraceOptions, DdTracer, TracerState } from './internal-types.js';
import { applyPresetToTracer, type PresetChoice } from './preset.js';
import { ServedServers } from './served.js';

const STATE = Symbol.for('kennel.tracing.state');
type Holder = { [STATE]?: TracerState };

/** The tracer kennel started in this process, if any (shared by the ESM and CJS builds and the register entry). */
export function currentTracer(): TracerState | undefined {
  return (globalThis as Holder)[STATE];
}

/** dd-trace is required here and only here, lazily, so a disabled plugin never loads it. */
export function loadDdTrace(): DdTracer {
  try {
    return createRequire(import.meta.url)('dd-trace') as DdTracer;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new KennelError(ErrorCodes.PEER_DEPENDENCY_MISSING, '@kennel/tracing needs dd-trace (^5.40.0 || ^6.0.0) installed next to it: npm install dd-trace. Tracing is off; the app keeps running.', { cause: error });
  }
}

/** kennel's resolved config, in dd-trace's terms. */
export function ddTraceOptions(config: KennelConfig): DdTraceOptions {
  return {
    service: config.service,
    env: config.env,
    ...(config.version === undefined ? {} : { version: config.version }),
    url: config.agent.traceUrl,
    ...(config.tracing.sampleRate === undefined ? {} : { sampleRate: config.tracing.sampleRate }),
    tags: { ...config.tags },
    logInjection: config.tracing.logInjection,
    runtimeMetrics: config.tracing.runtimeMetrics,
    startupLogs: config.tracing.startupLogs,
  };
}

/**
 * Initialises dd-trace once per process from kennel's config (and the preset's tracer settings),
 * or adopts the tracer the app (or `@kennel/tracing/register`) already started.
 */
export function startTracer(config: KennelConfig, startedBy: 'register' | 'plugin', logger: Logger, choice: PresetChoice = { preset: 'default', implied: false }): TracerState {
  const existing = currentTracer();
  if (existing) return existing;
  const tracer = loadDdTrace();
  const external = tracer._initialized === true;
  const options = external ? undefined : ddTraceOptions(config);
  if (options) tracer.init(options);
  const state: TracerState = {
    tracer,
    startedBy: external ? 'external' : startedBy,
    options,
    serverSpans: options ? applyPresetToTracer(choice.preset, tracer) : 'dd-trace',
    stats: { droppedPayloads: 0, exportErrors: 0, droppedTags: 0 },
    logger,
  };
  if (state.serverSpans === 'kennel' && choice.implied) state.served = new ServedServers(state);
  watchExportFailures(state);
  (globalThis as Holder)[STATE] = state;
  return state;
}

/** A logger for code that runs before any kennel instance exists (the register entry). */
export function bootLogger(config: KennelConfig): Logger {
  return createLogger(config.logLevel, 'tracing');
}

const SEND_FAILED = 'Error sending payload to the agent';
const BUFFER_FULL = 'ERR_DD_REQUEST_BUFFER_FULL';

/**
 * dd-trace reports failed exports only on its log channels, which nothing listens to unless
 * DD_TRACE_DEBUG is set: the payload is gone without a trace. kennel listens to the error channel
 * (errors only, so the cost is nil on the happy path), counts, and warns at most once a minute.
 * A send failure is published as the message string, then its cause (the error, with a code).
 */
function watchExportFailures(state: TracerState): void {
  const gate = onceGate(60_000);
  let pendingSend = false;
  const count = (key: 'droppedPayloads' | 'exportErrors') => {
    state.stats[key]++;
    if (!gate(key)) return;
    const what =
      key === 'droppedPayloads'
        ? "dd-trace discarded a trace payload: its active request buffer is full (the agent is slow or traffic is too high)"
        : 'dd-trace could not send a trace payload to the agent';
    state.logger.warn(`${what}; see tracing.stats()`, { ...state.stats, url: state.options?.url });
  };
  subscribe('datadog:log:error', (message) => {
    if (typeof message === 'string') {
      if (pendingSend) count('exportErrors');
      pendingSend = message.startsWith(SEND_FAILED);
      return;
    }
    const code = (message as { code?: unknown } | null)?.code;
    if (code === BUFFER_FULL) count('droppedPayloads');
    else if (pendingSend) count('exportErrors');
    pendingSend = false;
  });
}
