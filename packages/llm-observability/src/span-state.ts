import { contentFor, scrubValue } from './content.js';
import type { DdSpan, Runtime } from './internal-types.js';
import { recordCall } from './recorder.js';
import { mergeUsage } from './usage.js';
import type { LlmAnnotation, LlmSpan, LlmSpanKind, TokenUsage } from './types.js';

/** kennel's view of one running span: what metrics need at the end, plus dd-trace's span when tracing is on. */
export interface SpanState {
  readonly runtime: Runtime;
  readonly kind: LlmSpanKind;
  readonly startedAt: number;
  dd: DdSpan | undefined;
  provider: string | undefined;
  model: string | undefined;
  profile: string | undefined;
  /** OTel `gen_ai.operation.name`: chat, text_completion, embeddings… */
  operation: string | undefined;
  usage: TokenUsage | undefined;
  ttftMs: number | undefined;
  outputAnnotated: boolean;
  /** Set once metrics were recorded, so a provider call inside an `llm()` span is never counted twice. */
  recorded: boolean;
  retries: number;
  streamed: boolean;
  errorType: string | undefined;
  statusCode: number | undefined;
  finished: boolean;
}

export function createState(runtime: Runtime, kind: LlmSpanKind, init: Partial<SpanState> = {}): SpanState {
  return {
    runtime,
    kind,
    startedAt: performance.now(),
    dd: undefined,
    provider: undefined,
    model: undefined,
    profile: undefined,
    operation: undefined,
    usage: undefined,
    ttftMs: undefined,
    outputAnnotated: false,
    recorded: false,
    retries: 0,
    streamed: false,
    errorType: undefined,
    statusCode: undefined,
    finished: false,
    ...init,
  };
}

/** Applies an annotation to kennel's state and dd-trace's span. Never throws. */
export function annotateState(state: SpanState, annotation: LlmAnnotation): void {
  if (state.finished) return;
  if (annotation.usage) state.usage = mergeUsage(state.usage, annotation.usage);
  if (annotation.modelName && !state.model) state.model = annotation.modelName;
  if (annotation.modelProvider && !state.provider) state.provider = annotation.modelProvider;
  if (annotation.output !== undefined) state.outputAnnotated = true;
  const { llmobs } = state.runtime;
  if (!llmobs || !state.dd) return;
  try {
    const options: Record<string, unknown> = {};
    const inputData = contentFor(state.runtime, annotation.input, 'llm.input');
    const outputData = contentFor(state.runtime, annotation.output, 'llm.output');
    if (inputData !== undefined) options.inputData = inputData;
    if (outputData !== undefined) options.outputData = outputData;
    if (annotation.metadata) options.metadata = scrubValue(state.runtime, annotation.metadata, 'llm.metadata') ?? {};
    if (annotation.tags) options.tags = annotation.tags;
    if (annotation.usage) options.metrics = ddMetrics(state.usage ?? {});
    if (Object.keys(options).length > 0) llmobs.annotate(state.dd, options);
    if (annotation.responseModel) state.dd.setTag('gen_ai.response.model', annotation.responseModel);
    if (annotation.finishReasons?.length) state.dd.setTag('gen_ai.response.finish_reasons', annotation.finishReasons.join(','));
  } catch (error) {
    state.runtime.warnOnce('annotate-failed', 'could not annotate an LLM Observability span; telemetry for it is partial', { error: String(error) });
  }
}

/** Records metrics (model-backed kinds, once) and closes the span. Never throws. */
export function finishState(state: SpanState, done: ((error?: unknown) => void) | undefined, error?: unknown): void {
  if (state.finished) return;
  if (error !== undefined) {
    state.errorType ??= errorTypeOf(error);
    state.statusCode ??= statusOf(error);
  }
  annotateEnd(state);
  state.finished = true;
  if ((state.kind === 'llm' || state.kind === 'embedding') && !state.recorded && state.model) {
    state.recorded = true;
    recordCall(state, error !== undefined);
  }
  try {
    done?.(error);
  } catch {
    /* dd-trace failing to finish a span must not reach the app */
  }
}

/** Streaming latency and error details, known only at the end. */
function annotateEnd(state: SpanState): void {
  const { llmobs } = state.runtime;
  if (!llmobs || !state.dd) return;
  try {
    if (state.ttftMs !== undefined) llmobs.annotate(state.dd, { metrics: { time_to_first_token: state.ttftMs / 1000 } });
    const tags: Record<string, string> = {};
    if (state.statusCode !== undefined) tags['error.status_code'] = String(state.statusCode);
    if (state.errorType !== undefined) tags['error.kind'] = state.errorType;
    if (state.retries > 0) tags.retries = String(state.retries);
    if (Object.keys(tags).length > 0) llmobs.annotate(state.dd, { tags });
    if (state.statusCode !== undefined) state.dd.setTag('http.status_code', state.statusCode);
  } catch {
    /* annotation is best effort */
  }
}

/** The handle user callbacks receive. */
export function spanHandle(state: SpanState): LlmSpan {
  return {
    kind: state.kind,
    annotate: (annotation) => annotateState(state, annotation),
    exportSpan: () => {
      try {
        return state.dd && state.runtime.llmobs ? state.runtime.llmobs.exportSpan(state.dd) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function ddMetrics(usage: TokenUsage): Record<string, number> {
  const m: Record<string, number> = {};
  if (usage.inputTokens !== undefined) m.inputTokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) m.outputTokens = usage.outputTokens;
  if (usage.totalTokens !== undefined) m.totalTokens = usage.totalTokens;
  if (usage.cacheReadTokens !== undefined) m.cacheReadTokens = usage.cacheReadTokens;
  if (usage.cacheWriteTokens !== undefined) m.cacheWriteTokens = usage.cacheWriteTokens;
  if (usage.reasoningTokens !== undefined) m.reasoningOutputTokens = usage.reasoningTokens;
  return m;
}

export function errorTypeOf(error: unknown): string {
  if (error && typeof error === 'object') {
    // Anthropic: error.error = { type: 'error', error: { type } }; OpenAI: error.error = { type }.
    const e = error as { type?: unknown; error?: { type?: unknown; error?: { type?: unknown } }; name?: unknown; constructor?: { name?: string } };
    if (typeof e.error?.error?.type === 'string') return e.error.error.type;
    if (typeof e.error?.type === 'string') return e.error.type;
    if (typeof e.type === 'string') return e.type;
    if (typeof e.constructor?.name === 'string' && e.constructor.name !== 'Object') return e.constructor.name;
    if (typeof e.name === 'string') return e.name;
  }
  return 'Error';
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
