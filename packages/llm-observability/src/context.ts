import { AsyncLocalStorage } from 'node:async_hooks';
import type { LlmRequestContext } from './types.js';
import type { SpanState } from './span-state.js';

/** What flows with the async context: the request identity and the innermost kennel span. */
export interface LlmScope extends LlmRequestContext {
  span?: SpanState;
}

const storage = new AsyncLocalStorage<LlmScope>();

export function currentScope(): LlmScope | undefined {
  return storage.getStore();
}

export function runInScope<T>(scope: LlmScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Merges `context` over the current scope (request identity set by framework middleware). */
export function withScope<T>(context: LlmRequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...definedOnly(context) }, fn);
}

function definedOnly(context: LlmRequestContext): LlmRequestContext {
  const out: LlmRequestContext = {};
  if (context.sessionId) out.sessionId = String(context.sessionId);
  if (context.userId) out.userId = String(context.userId);
  if (context.profile) out.profile = String(context.profile);
  return out;
}
