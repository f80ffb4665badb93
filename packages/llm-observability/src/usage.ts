import type { TokenUsage } from './types.js';

/**
 * Provider usage blocks → kennel's normalised TokenUsage, where `inputTokens` counts every input
 * token (cache reads and writes included) and `outputTokens` every output token (reasoning
 * included). OpenAI already reports cached tokens inside prompt/input tokens; Anthropic reports
 * cache reads and writes beside `input_tokens`, so they are added in.
 */

type Raw = Record<string, unknown> | null | undefined;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

/** Chat Completions (`prompt_tokens`…) and Responses/Embeddings (`input_tokens`…) usage. */
export function openAiUsage(usage: unknown): TokenUsage | undefined {
  const u = obj(usage);
  if (!u) return undefined;
  const input = num(u.prompt_tokens) ?? num(u.input_tokens);
  const output = num(u.completion_tokens) ?? num(u.output_tokens);
  const inDetails = obj(u.prompt_tokens_details) ?? obj(u.input_tokens_details);
  const outDetails = obj(u.completion_tokens_details) ?? obj(u.output_tokens_details);
  return compact({
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: num(inDetails?.cached_tokens),
    reasoningTokens: num(outDetails?.reasoning_tokens),
    totalTokens: num(u.total_tokens) ?? sum(input, output),
  });
}

/** Anthropic Messages usage (also the partial usage of `message_start` / `message_delta` events). */
export function anthropicUsage(usage: unknown): TokenUsage | undefined {
  const u = obj(usage);
  if (!u) return undefined;
  const uncached = num(u.input_tokens);
  const cacheRead = num(u.cache_read_input_tokens);
  const cacheWrite = num(u.cache_creation_input_tokens);
  const input = uncached === undefined && cacheRead === undefined && cacheWrite === undefined ? undefined : (uncached ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  const output = num(u.output_tokens);
  return compact({ inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite, totalTokens: sum(input, output) });
}

/** Later fields win; used to fold streamed partial usage (Anthropic start + delta events). */
export function mergeUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  const merged = compact({ ...a, ...b });
  if (merged) merged.totalTokens = sum(merged.inputTokens, merged.outputTokens) ?? merged.totalTokens;
  return merged;
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function compact(u: TokenUsage): TokenUsage | undefined {
  const out: TokenUsage = {};
  for (const [k, v] of Object.entries(u)) if (v !== undefined) out[k as keyof TokenUsage] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}
