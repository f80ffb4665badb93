import type { ModelPrice, PriceTable, TokenUsage } from './types.js';

/**
 * List prices in USD per million tokens, shipped as data.
 * Sources: https://openai.com/api/pricing and https://www.anthropic.com/pricing (API section),
 * standard tier, no batch discount. Compiled 2025-11-01. Prices change: override them with
 * `llmObservabilityPlugin({ prices })`. Local runtimes (ollama) cost 0.
 */
export const PRICE_TABLE_SOURCE = 'openai.com/api/pricing, anthropic.com/pricing (standard tier)';
export const PRICE_TABLE_DATE = '2025-11-01';

export const defaultPrices: PriceTable = {
  openai: {
    'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
    'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
    'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
    'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    o3: { input: 2, cachedInput: 0.5, output: 8 },
    'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
  },
  anthropic: {
    'claude-opus-4-5': { input: 5, cacheWrite: 6.25, cachedInput: 0.5, output: 25 },
    'claude-opus-4-1': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-opus-4': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-sonnet-4-5': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-sonnet-4': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-3-7-sonnet': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-haiku-4-5': { input: 1, cacheWrite: 1.25, cachedInput: 0.1, output: 5 },
    'claude-3-5-haiku': { input: 0.8, cacheWrite: 1, cachedInput: 0.08, output: 4 },
  },
  ollama: { '': { input: 0, output: 0 } },
};

/** Shipped table with per-provider, per-model overrides on top. */
export function mergePrices(base: PriceTable, overrides: PriceTable | undefined): PriceTable {
  if (!overrides) return base;
  const out: Record<string, Record<string, ModelPrice>> = {};
  for (const provider of new Set([...Object.keys(base), ...Object.keys(overrides)])) {
    out[provider] = { ...base[provider], ...overrides[provider] };
  }
  return out;
}

/** Exact model first, then the longest prefix (`gpt-4o-2024-08-06` → `gpt-4o`, never `gpt-4o-mini` → `gpt-4o`). */
export function findPrice(table: PriceTable, provider: string, model: string): ModelPrice | undefined {
  const models = table[provider.toLowerCase()];
  if (!models) return undefined;
  const exact = models[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(models)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : models[best];
}

/**
 * USD for one call. Cache reads and writes are priced separately and taken out of the plain input
 * count (normalised usage includes them in inputTokens); reasoning is billed as output.
 */
export function costOf(price: ModelPrice, usage: TokenUsage): number {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const plainInput = Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite);
  const micro =
    plainInput * price.input + cacheRead * (price.cachedInput ?? price.input) + cacheWrite * (price.cacheWrite ?? price.input) + (usage.outputTokens ?? 0) * price.output;
  return micro / 1_000_000;
}
