import { definePlugin, type PluginContext } from '@kennel/core';
import { createTracingApi, noopTracingApi } from './api.js';
import type { TracerState } from './internal-types.js';
import { loadedBeforeTracing } from './late-init.js';
import { registerOpenTelemetry } from './opentelemetry.js';
import { applyPreset, reportDeclined, resolvePreset } from './preset.js';
import { scrubFinishedSpans } from './scrub.js';
import { currentTracer, ddTraceOptions, startTracer } from './tracer.js';
import type { TracingOptions } from './types.js';

/**
 * Tracing on dd-trace. Enabled by `config.tracing.enabled` (DD_TRACE_ENABLED); when disabled the
 * API is a no-op and dd-trace is never loaded. Reuses the tracer `@kennel/tracing/register`
 * started, if any.
 */
export function tracingPlugin(options: TracingOptions = {}) {
  let stopScrubbing = () => {};
  return definePlugin({
    name: 'tracing',
    // The scrubber must be registered before the first span is tagged.
    optionalDependsOn: ['pii-filter'],
    enabled: (config) => config.tracing.enabled,
    setup(ctx) {
      // Looked up before dd-trace loads; reported only if kennel is the one starting it.
      const early = options.warnLateInit !== false && !currentTracer() ? loadedBeforeTracing() : [];
      const choice = resolvePreset(options.preset, ctx.config);
      if (!currentTracer()) {
        applyPreset(choice.preset);
        reportDeclined(choice, ctx.logger);
      }
      const state = startTracer(ctx.config, 'plugin', ctx.logger, choice);
      state.logger = ctx.logger;
      if (early.length > 0 && state.startedBy === 'plugin') warnLate(ctx, early);
      explainAdoptedTracer(ctx, state);
      if (options.scrubAllSpans !== false) stopScrubbing = scrubFinishedSpans(ctx.hooks, state.stats);
      if (options.opentelemetry) registerOpenTelemetry(ctx, state);
      return createTracingApi(state, ctx.hooks, options.flushTimeoutMs ?? 2000);
    },
    async shutdown(api) {
      stopScrubbing();
      await api.flush();
    },
    noop: noopTracingApi,
  });
}

function warnLate(ctx: PluginContext, early: string[]): void {
  ctx.warnOnce(
    'late-init',
    `${early.join(', ')} loaded before dd-trace started, so their spans may be missing. Start the app with \`node --import @kennel/tracing/register app.js\`, or create kennel before importing them.`,
    { modules: early },
  );
}

/** A tracer started elsewhere keeps its own settings: say which of kennel's do not apply. */
function explainAdoptedTracer(ctx: PluginContext, state: TracerState): void {
  if (state.startedBy === 'external') {
    ctx.warnOnce('external', 'dd-trace was initialised before kennel; kennel uses that tracer as is, and its service/env/version, agent URL and sample rate settings do not apply to it');
    return;
  }
  if (!state.options) return;
  const wanted = ddTraceOptions(ctx.config);
  const differs = (['service', 'env', 'version', 'url', 'sampleRate'] as const).filter((key) => wanted[key] !== state.options![key]);
  if (differs.length === 0) return;
  const startedBy =
    state.startedBy === 'register'
      ? 'tracing was started by @kennel/tracing/register from environment variables'
      : 'tracing was started by an earlier createKennel() in this process (dd-trace starts once)';
  ctx.warnOnce(
    'tracer-config',
    `${startedBy}; these options of this kennel do not apply to it: ${differs.join(', ')}. Set them as DD_* environment variables so every start agrees.`,
    Object.fromEntries(differs.map((key) => [key, { active: state.options![key], ignored: wanted[key] }])),
  );
}
