import { activeRuntime } from './plugin.js';
import { instrumentAnthropicClient } from './providers/anthropic.js';
import { instrumentOpenAIClient } from './providers/openai.js';
import type { InstrumentOptions } from './types.js';

/**
 * One-line instrumentation without a kennel handle: `const openai = instrumentOpenAI(new OpenAI())`.
 * Works without import hooks (ESM, bundlers). Calls use the kennel set up last and pass through
 * untouched while there is none (before start-up, after shutdown, or with the plugin disabled).
 */
export function instrumentOpenAI<T extends object>(client: T, options?: InstrumentOptions): T {
  return instrumentOpenAIClient(activeRuntime, client, options);
}

/** One-line instrumentation of an `@anthropic-ai/sdk` client; see `instrumentOpenAI`. */
export function instrumentAnthropic<T extends object>(client: T, options?: InstrumentOptions): T {
  return instrumentAnthropicClient(activeRuntime, client, options);
}
