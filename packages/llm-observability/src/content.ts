import type { TextChannel } from '@kennel/core';
import type { DdProcessedSpan, Runtime } from './internal-types.js';

/**
 * Content policy: prompts, completions, tool-call arguments and metadata pass through the core
 * `preText` / `preObject` hooks (pii-filter registers them) before they leave the process, and
 * `metadata-only` mode removes them while model, tokens and cost stay.
 */

type Channel = Extract<TextChannel, 'llm.input' | 'llm.output' | 'llm.metadata'>;

/** Scrubs free text and structured values at any depth; `null` from a hook drops the value. */
export function scrubValue(runtime: Runtime, value: unknown, channel: Channel): unknown {
  const { hooks } = runtime;
  if (typeof value === 'string') return hooks.has('preText') ? hooks.apply('preText', value, channel) : value;
  if (value === null || typeof value !== 'object') return value;
  if (!hooks.has('preObject') && !hooks.has('preText')) return value;
  let out: unknown = value;
  if (hooks.has('preText')) out = mapStrings(out, (s) => hooks.apply('preText', s, channel));
  if (out !== null && hooks.has('preObject')) out = hooks.apply('preObject', out, channel);
  return out;
}

/** What kennel annotates as input/output: undefined in metadata-only mode, else scrubbed unless the span processor will. */
export function contentFor(runtime: Runtime, value: unknown, channel: 'llm.input' | 'llm.output'): unknown {
  if (value === undefined || runtime.content === 'metadata-only') return undefined;
  if (runtime.processorScrubs) return value;
  return scrubValue(runtime, value, channel) ?? '';
}

/** dd-trace span processor applying the policy to every LLM Observability span, auto-instrumented ones included. */
export function contentProcessor(runtime: Runtime): (span: DdProcessedSpan) => DdProcessedSpan {
  const hasHooks = () => runtime.hooks.has('preText') || runtime.hooks.has('preObject');
  return (span) => {
    if (runtime.content === 'metadata-only') {
      // Keep the array shape: dd-trace reads element 0 of value/documents IO.
      span.input = span.input.map(emptyMessage);
      span.output = span.output.map(emptyMessage);
    } else if (hasHooks()) {
      span.input = span.input.map((m) => scrubMessage(runtime, m, 'llm.input'));
      span.output = span.output.map((m) => scrubMessage(runtime, m, 'llm.output'));
    }
    return span;
  };
}

function emptyMessage(message: Record<string, unknown>): Record<string, unknown> {
  return message.role === undefined ? { content: '' } : { role: message.role, content: '' };
}

function scrubMessage(runtime: Runtime, message: Record<string, unknown>, channel: Channel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) {
    if (key === 'role') {
      out[key] = value;
      continue;
    }
    const scrubbed = scrubValue(runtime, value, channel);
    if (scrubbed !== null) out[key] = scrubbed;
    else if (key === 'content') out[key] = '';
  }
  return out;
}

function mapStrings(value: unknown, fn: (s: string) => unknown, depth = 0): unknown {
  if (typeof value === 'string') return fn(value);
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, depth + 1)).filter((v) => v !== null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const mapped = mapStrings(v, fn, depth + 1);
    if (mapped !== null) out[k] = mapped;
  }
  return out;
}
