import { currentScope, runInScope, type LlmScope } from './context.js';
import type { DdSpan, Runtime } from './internal-types.js';
import { annotateState, createState, finishState, spanHandle, type SpanState } from './span-state.js';
import type { LlmSpan, LlmSpanKind, LlmSpanOptions } from './types.js';

type Done = (error?: unknown) => void;

/**
 * Opens a kennel span (and, when tracing is on, a dd-trace LLM Observability span of the same
 * kind), runs `body` inside it and hands back the body's result. The body decides when the span
 * ends by calling `end`; a throw before that is recorded and rethrown unchanged.
 */
export function openSpan<T>(
  runtime: Runtime,
  kind: LlmSpanKind,
  options: LlmSpanOptions,
  body: (state: SpanState, end: Done) => T,
  startTime?: number,
): T {
  const scope = currentScope();
  const state = createState(runtime, kind, {
    model: options.modelName,
    provider: options.modelProvider,
    profile: options.profile ?? scope?.profile,
  });
  const run = (done: Done | undefined): T => {
    const end: Done = (error) => finishState(state, done, error);
    if (options.input !== undefined || options.metadata || scope?.userId) {
      annotateState(state, { input: options.input, metadata: options.metadata, tags: scope?.userId ? { user_id: scope.userId } : undefined });
    }
    try {
      return runInScope({ ...scope, span: state }, () => body(state, end));
    } catch (error) {
      end(error);
      throw error;
    }
  };

  const { llmobs } = runtime;
  if (!llmobs) return run(undefined);
  let entered = false;
  try {
    const ddOptions: Record<string, unknown> = { kind, name: options.name ?? kind };
    if (options.modelName) ddOptions.modelName = options.modelName;
    if (options.modelProvider) ddOptions.modelProvider = options.modelProvider;
    const sessionId = options.sessionId ?? scope?.sessionId;
    if (sessionId) ddOptions.sessionId = sessionId;
    if (startTime !== undefined) ddOptions.startTime = startTime;
    return llmobs.trace(ddOptions, (dd: DdSpan, done: Done) => {
      entered = true;
      state.dd = dd;
      return run(done);
    });
  } catch (error) {
    if (entered) throw error; // the user's error, already recorded
    runtime.warnOnce('trace-failed', 'could not start an LLM Observability span; running without it', { error: String(error) });
    return run(undefined);
  }
}

/** `fn` sync or async; the span ends when it returns or settles. Non-model spans get the result as output. */
export function traceFn<T>(runtime: Runtime, kind: LlmSpanKind, options: LlmSpanOptions, fn: (span: LlmSpan) => T): T {
  return openSpan(runtime, kind, options, (state, end) => {
    const result = fn(spanHandle(state));
    if (isPromiseLike(result)) {
      return Promise.resolve(result).then(
        (value) => {
          autoOutput(state, value);
          end();
          return value;
        },
        (error: unknown) => {
          end(error);
          throw error;
        },
      ) as T;
    }
    autoOutput(state, result);
    end();
    return result;
  });
}

/**
 * Spans the iteration of an async iterable: ends on completion, early `return` (abort) or error.
 * Each step runs in the span's kennel scope, so a wrapped provider call inside an `llm` stream is
 * not spanned twice and nested helpers see the request's session/user.
 */
export function traceIterable<T>(runtime: Runtime, kind: LlmSpanKind, options: LlmSpanOptions, fn: (span: LlmSpan) => AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      let iterator: AsyncIterator<T> | undefined;
      let scope: LlmScope | undefined;
      let end: Done = () => {};
      const start = () =>
        openSpan(runtime, kind, options, (state, finish) => {
          end = finish;
          scope = currentScope();
          iterator = fn(spanHandle(state))[Symbol.asyncIterator]();
        });
      const inScope = <R>(step: () => R): R => (scope ? runInScope(scope, step) : step());
      return {
        async next() {
          if (!iterator) start();
          try {
            const step = await inScope(() => (iterator as AsyncIterator<T>).next());
            if (step.done) end();
            return step;
          } catch (error) {
            end(error);
            throw error;
          }
        },
        async return(value?: unknown) {
          end();
          return (await inScope(() => iterator?.return?.(value))) ?? { done: true, value: undefined as T };
        },
      };
    },
  };
}

function autoOutput(state: SpanState, value: unknown): void {
  if (value === undefined || state.outputAnnotated || state.kind === 'llm' || state.kind === 'embedding' || state.kind === 'retrieval') return;
  if (typeof value === 'string' || (value !== null && typeof value === 'object')) annotateState(state, { output: value as string });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}
