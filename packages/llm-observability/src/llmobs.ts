import type { KennelConfig, PluginContext } from '@kennel/core';
import type { DdLlmObs, DdTracer } from './internal-types.js';

/**
 * Turns on dd-trace's LLM Observability for kennel's config: through the agent's EVP proxy by
 * default, agentless when `llmobs.agentless` and an API key are set. Leaves an llmobs that the
 * tracer already enabled (DD_LLMOBS_ENABLED / `tracer.init({ llmobs })`) as it is.
 * Returns the SDK when spans will be produced, undefined otherwise.
 */
export function enableLlmObs(tracer: unknown, config: KennelConfig, ctx: Pick<PluginContext, 'logger' | 'warnOnce'>): DdLlmObs | undefined {
  const llmobs = (tracer as DdTracer | undefined)?.llmobs;
  if (!llmobs || typeof llmobs.trace !== 'function' || typeof llmobs.annotate !== 'function') return undefined;
  const agentlessWithoutKey = config.llmobs.agentless && !config.datadog.apiKey;
  if (agentlessWithoutKey) {
    ctx.warnOnce(
      'agentless-no-key',
      'llmobs.agentless (DD_LLMOBS_AGENTLESS_ENABLED=true) needs datadog.apiKey (DD_API_KEY), which is not set; sending LLM Observability data through the agent instead',
    );
  }
  try {
    if (llmobs.enabled && agentlessWithoutKey) llmobs.disable(); // dd-trace read the same env var: re-enable through the agent
    if (!llmobs.enabled) llmobs.enable({ mlApp: config.llmobs.mlApp, agentlessEnabled: config.llmobs.agentless && !agentlessWithoutKey });
  } catch (error) {
    ctx.logger.warn('could not enable dd-trace LLM Observability; LLM spans are off, metrics stay on', { error: String(error) });
  }
  return llmobs.enabled ? llmobs : undefined;
}
