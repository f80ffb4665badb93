import { definePlugin, ErrorCodes, KennelError, type PluginContext } from '@kennel/core';
import { contentProcessor } from './content.js';
import { withScope } from './context.js';
import type { DdLlmObs, MetricsLike, Runtime } from './internal-types.js';
import { enableLlmObs } from './llmobs.js';
import { defaultPrices, mergePrices } from './prices.js';
import { bootstrapProfiles } from './profiles/bootstrap.js';
import { instrumentAnthropicClient } from './providers/anthropic.js';
import { instrumentOpenAIClient } from './providers/openai.js';
import { costFor } from './recorder.js';
import { currentScope } from './context.js';
import { annotateState } from './span-state.js';
import { traceFn, traceIterable } from './spans.js';
import type { ContentMode, LlmObservabilityApi, LlmObservabilityOptions, LlmSpanKind, LlmSpanOptions, ProfileBootstrapResult } from './types.js';

const CONTENT_MODES: readonly ContentMode[] = ['full', 'metadata-only'];

/** The runtime of the kennel instance set up last, for `instrumentOpenAI(client)` without a handle. */
let active: Runtime | undefined;
export const activeRuntime = (): Runtime | undefined => active;

/**
 * LLM Observability for kennel: dd-trace llmobs spans (needs the `tracing` plugin or a tracer
 * passed in), per-call metrics (needs `metrics`), content policy, and LLM profile bootstrap.
 * Each part degrades on its own: without tracing no spans, without metrics no metrics.
 */
export function llmObservabilityPlugin(options: LlmObservabilityOptions = {}) {
  return definePlugin({
    name: 'llm-observability',
    optionalDependsOn: ['tracing', 'metrics'],
    enabled: (config) => config.llmobs.enabled,
    setup(ctx): LlmObservabilityApi {
      const runtime = createRuntime(ctx, options);
      active = runtime;
      return createApi(runtime, ctx, options);
    },
    async shutdown(api) {
      await api.flush();
      active = undefined;
    },
    noop: noopApi,
  });
}

function createRuntime(ctx: PluginContext, options: LlmObservabilityOptions): Runtime {
  const tracer = options.tracer ?? ctx.tryGet<{ tracer?: unknown }>('tracing')?.tracer;
  const llmobs = tracer ? enableLlmObs(tracer, ctx.config, ctx) : undefined;
  const runtime: Runtime = {
    llmobs,
    metrics: ctx.tryGet<MetricsLike>('metrics'),
    hooks: ctx.hooks,
    logger: ctx.logger,
    warnOnce: ctx.warnOnce,
    content: contentMode(options.content),
    processorScrubs: false,
    prices: mergePrices(defaultPrices, options.prices),
  };
  if (llmobs) runtime.processorScrubs = registerProcessor(llmobs, runtime);
  if (!tracer) ctx.logger.debug('no tracer: LLM Observability spans are off (install the tracing plugin)');
  return runtime;
}

/** kennel's content policy runs in dd-trace's span processor so auto-instrumented spans get it too. */
function registerProcessor(llmobs: DdLlmObs, runtime: Runtime): boolean {
  try {
    llmobs.registerProcessor(contentProcessor(runtime));
    return true;
  } catch (error) {
    runtime.warnOnce('processor', "an LLM Observability span processor is already registered; kennel scrubs its own spans only (dd-trace's auto-instrumented spans are not scrubbed)", {
      error: String(error),
    });
    return false;
  }
}

function contentMode(option: ContentMode | undefined): ContentMode {
  const fromEnv = process.env.KENNEL_LLM_CONTENT;
  const value = fromEnv ?? option ?? 'full';
  if (!CONTENT_MODES.includes(value as ContentMode)) {
    const source = fromEnv === undefined ? 'options.content' : 'KENNEL_LLM_CONTENT';
    throw new KennelError(ErrorCodes.CONFIG_INVALID, `${source}=${JSON.stringify(value)} is invalid: expected one of ${CONTENT_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  return value as ContentMode;
}

function createApi(runtime: Runtime, ctx: PluginContext, options: LlmObservabilityOptions): LlmObservabilityApi {
  const resolve = () => runtime;
  let lastBootstrap: ProfileBootstrapResult | undefined;
  const kind =
    (k: LlmSpanKind) =>
    <T>(opts: LlmSpanOptions | string, fn: (span: import('./types.js').LlmSpan) => T): T =>
      traceFn(runtime, k, spanOptions(opts, k), fn);
  return {
    spansEnabled: runtime.llmobs !== undefined,
    contentMode: runtime.content,
    instrumentOpenAI: (client, o) => instrumentOpenAIClient(resolve, client, o),
    instrumentAnthropic: (client, o) => instrumentAnthropicClient(resolve, client, o),
    trace: (k, opts, fn) => traceFn(runtime, k, spanOptions(opts, k), fn),
    workflow: kind('workflow'),
    task: kind('task'),
    agent: kind('agent'),
    tool: kind('tool'),
    retrieval: kind('retrieval'),
    embedding: kind('embedding'),
    llm: kind('llm'),
    traceStream: (k, opts, fn) => traceIterable(runtime, k, spanOptions(opts, k), fn),
    annotate(annotation) {
      const span = currentScope()?.span;
      if (span) annotateState(span, annotation);
    },
    withLlmContext(context, fn) {
      const tags: Record<string, string> = {};
      if (context.userId) tags.user_id = String(context.userId);
      if (context.sessionId) tags.session_id = String(context.sessionId);
      const run = () => withScope(context, fn);
      // dd-trace's auto-instrumented spans pick the ids up from its annotation context.
      if (!runtime.llmobs || Object.keys(tags).length === 0) return run();
      try {
        return runtime.llmobs.annotationContext({ tags }, run);
      } catch {
        return run();
      }
    },
    cost: (provider, model, usage) => costFor(runtime, provider.toLowerCase(), model, usage),
    async bootstrapProfiles(o = {}) {
      lastBootstrap = await bootstrapProfiles(
        { metrics: runtime.metrics, logger: ctx.logger },
        { ...options.discovery, ...o, policy: o.policy ?? options.policy },
      );
      return lastBootstrap;
    },
    profiles: () => lastBootstrap,
    async flush() {
      try {
        runtime.llmobs?.flush();
      } catch {
        /* flushing is best effort */
      }
      await runtime.metrics?.flush().catch(() => undefined);
    },
  };
}

function spanOptions(options: LlmSpanOptions | string, kind: LlmSpanKind): LlmSpanOptions {
  return typeof options === 'string' ? { name: options } : { name: kind, ...options };
}

/** Same shape, does nothing: callbacks still run, clients are returned untouched. */
export function noopApi(): LlmObservabilityApi {
  const handle = { kind: 'task' as LlmSpanKind, annotate() {}, exportSpan: () => undefined };
  const run = <T>(_o: unknown, fn: (span: typeof handle) => T): T => fn(handle);
  const empty: ProfileBootstrapResult = { best: undefined, ranked: [], reasons: ['llm-observability is disabled'], profiles: [], totalAvailable: 0 };
  return {
    spansEnabled: false,
    contentMode: 'full',
    instrumentOpenAI: (client) => client,
    instrumentAnthropic: (client) => client,
    trace: (_k, o, fn) => run(o, fn),
    workflow: run,
    task: run,
    agent: run,
    tool: run,
    retrieval: run,
    embedding: run,
    llm: run,
    traceStream: (_k, _o, fn) => fn(handle),
    annotate() {},
    withLlmContext: (_c, fn) => fn(),
    cost: () => undefined,
    bootstrapProfiles: async () => empty,
    profiles: () => undefined,
    flush: async () => {},
  };
}
