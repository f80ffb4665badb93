import type { Runtime } from './internal-types.js';
import { costOf, findPrice } from './prices.js';
import type { SpanState } from './span-state.js';
import type { TokenUsage } from './types.js';

/** Metric names, one place. Counts for sums (tokens, cost), distributions for latencies. */
export const LlmMetrics = {
  requests: 'llm.request.count',
  duration: 'llm.request.duration',
  inputTokens: 'llm.tokens.input',
  outputTokens: 'llm.tokens.output',
  cacheReadTokens: 'llm.tokens.cached',
  cacheWriteTokens: 'llm.tokens.cache_write',
  reasoningTokens: 'llm.tokens.reasoning',
  cost: 'llm.cost.usd',
  ttft: 'llm.ttft',
  tokensPerSecond: 'llm.tokens_per_second',
  errors: 'llm.errors',
  retries: 'llm.retries',
  profileBootstrap: 'llm.profile.bootstrap',
  profileAvailable: 'llm.profile.total_available',
} as const;

/** Emits the per-call metrics for a finished model-backed span. Never throws. */
export function recordCall(state: SpanState, failed: boolean): void {
  const { runtime } = state;
  const metrics = runtime.metrics;
  if (!metrics) return;
  try {
    const provider = (state.provider ?? 'unknown').toLowerCase();
    const model = state.model ?? 'unknown';
    const operation = state.operation ?? (state.kind === 'embedding' ? 'embeddings' : 'chat');
    const tags: Record<string, string> = {
      provider,
      model,
      profile: state.profile ?? 'none',
      status: failed ? 'error' : 'ok',
      operation,
      streaming: String(state.streamed),
      'gen_ai.provider.name': provider,
      'gen_ai.request.model': model,
      'gen_ai.operation.name': operation,
    };
    const durationMs = performance.now() - state.startedAt;
    metrics.increment(LlmMetrics.requests, 1, tags);
    metrics.distribution(LlmMetrics.duration, durationMs, tags);
    if (state.usage) recordTokens(runtime, provider, model, state.usage, tags);
    if (state.ttftMs !== undefined) {
      metrics.distribution(LlmMetrics.ttft, state.ttftMs, tags);
      const generationSeconds = (durationMs - state.ttftMs) / 1000;
      const out = state.usage?.outputTokens;
      if (out !== undefined && generationSeconds > 0) metrics.distribution(LlmMetrics.tokensPerSecond, out / generationSeconds, tags);
    }
    if (state.retries > 0) metrics.increment(LlmMetrics.retries, state.retries, tags);
    if (failed) {
      metrics.increment(LlmMetrics.errors, 1, { ...tags, error_type: state.errorType ?? 'Error', status_code: String(state.statusCode ?? 'none') });
    }
  } catch (error) {
    runtime.warnOnce('metrics-failed', 'could not record LLM metrics', { error: String(error) });
  }
}

function recordTokens(runtime: Runtime, provider: string, model: string, usage: TokenUsage, tags: Record<string, string>): void {
  const metrics = runtime.metrics;
  if (!metrics) return;
  const count = (name: string, value: number | undefined) => {
    if (value !== undefined) metrics.increment(name, value, tags);
  };
  count(LlmMetrics.inputTokens, usage.inputTokens);
  count(LlmMetrics.outputTokens, usage.outputTokens);
  count(LlmMetrics.cacheReadTokens, usage.cacheReadTokens);
  count(LlmMetrics.cacheWriteTokens, usage.cacheWriteTokens);
  count(LlmMetrics.reasoningTokens, usage.reasoningTokens);
  const cost = costFor(runtime, provider, model, usage);
  if (cost !== undefined) metrics.increment(LlmMetrics.cost, cost, tags);
}

/** Cost from the price table; an unknown model warns once and yields undefined. */
export function costFor(runtime: Runtime, provider: string, model: string, usage: TokenUsage): number | undefined {
  const price = findPrice(runtime.prices, provider, model);
  if (!price) {
    runtime.warnOnce(`price:${provider}:${model}`, `no price for ${provider} model "${model}"; llm.cost.usd is not recorded for it. Add it with llmObservabilityPlugin({ prices })`);
    return undefined;
  }
  return costOf(price, usage);
}
