import { configSources, definePlugin, ErrorCodes, KennelError, type KennelConfig, type PluginContext } from '@kennel/core';
import { contentProcessor } from './content.js';
import type { DdLlmObs, MetricsLike, Runtime } from './internal-types.js';
import { enableLlmObs } from './llmobs.js';
import { defaultPrices, mergePrices } from './prices.js';
import { createApi, noopApi } from './api.js';
import type { ContentMode, LlmObservabilityApi, LlmObservabilityOptions } from './types.js';

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
  let runtime: Runtime | undefined;
  return definePlugin({
    name: 'llm-observability',
    optionalDependsOn: ['tracing', 'metrics'],
    enabled: (config) => config.llmobs.enabled,
    setup(ctx): LlmObservabilityApi {
      runtime = createRuntime(ctx, options);
      active = runtime;
      return createApi(runtime, ctx, options);
    },
    async shutdown(api) {
      await api.flush();
      if (runtime?.processorScrubs) {
        try {
          runtime.llmobs?.deregisterProcessor();
        } catch {
          /* the tracer may already be gone */
        }
      }
      if (active === runtime) active = undefined;
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
    content: contentMode(ctx.config, options.content),
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

/** KENNEL_LLM_CONTENT (validated in core) wins over the plugin option, which wins over the default. */
function contentMode(config: KennelConfig, option: ContentMode | undefined): ContentMode {
  if (configSources(config)['llmobs.content'] === 'KENNEL_LLM_CONTENT') return config.llmobs.content;
  const value = option ?? config.llmobs.content;
  if (!CONTENT_MODES.includes(value)) {
    throw new KennelError(ErrorCodes.CONFIG_INVALID, `options.content=${JSON.stringify(value)} is invalid: expected one of ${CONTENT_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  return value;
}
