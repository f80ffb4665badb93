import type { PluginContext } from '@kennel/core';
import { currentScope, withScope } from './context.js';
import type { Runtime } from './internal-types.js';
import { bootstrapProfiles } from './profiles/bootstrap.js';
import { instrumentAnthropicClient } from './providers/anthropic.js';
import { instrumentOpenAIClient } from './providers/openai.js';
import { costFor } from './recorder.js';
import { annotateState } from './span-state.js';
import { traceFn, traceIterable } from './spans.js';
import type { LlmObservabilityApi, LlmObservabilityOptions, LlmSpan, LlmSpanKind, LlmSpanOptions, ProfileBootstrapResult } from './types.js';

/** The plugin's public API over one runtime. */
export function createApi(runtime: Runtime, ctx: PluginContext, options: LlmObservabilityOptions): LlmObservabilityApi {
  const resolve = () => runtime;
  let lastBootstrap: ProfileBootstrapResult | undefined;
  const kind =
    (k: LlmSpanKind) =>
    <T>(opts: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T =>
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
