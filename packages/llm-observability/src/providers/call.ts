import { AsyncLocalStorage } from 'node:async_hooks';
import { currentScope } from '../context.js';
import type { Runtime } from '../internal-types.js';
import { annotateState, createState, finishState, type SpanState } from '../span-state.js';
import { openSpan } from '../spans.js';
import type { LlmAnnotation, LlmIO } from '../types.js';
import { callDetectingAutoInstrumentation } from './auto-detect.js';
import { observeStream, type StreamAccumulator } from './stream.js';

export type { StreamAccumulator };

/** What a provider adapter knows about one SDK call before it runs. */
export interface CallSpec {
  provider: 'openai' | 'anthropic';
  /** Provider name for tags (may differ from the SDK, e.g. `ollama` behind an OpenAI client). */
  tagProvider: string;
  /** OTel gen_ai operation: chat, text_completion, embeddings. */
  operation: string;
  spanName: string;
  kind: 'llm' | 'embedding';
  model: string | undefined;
  profile: string | undefined;
  streamed: boolean;
  input: LlmIO | undefined;
  metadata: Record<string, unknown>;
  /** Turns a non-streamed body into an annotation (output, usage, response model, finish reasons). */
  fromBody(body: unknown): LlmAnnotation;
  /** A fresh accumulator for a streamed body. */
  streamAccumulator?(): StreamAccumulator;
  /** Chunks the caller must not see (the usage chunk only kennel asked for). */
  hideChunk?(chunk: unknown): boolean;
}


/** Counts HTTP attempts of the SDK call in flight, so retries are visible. */
const attempts = new AsyncLocalStorage<{ count: number }>();
const fetchPatched = new WeakSet<object>();

/** Wraps the client's own `fetch` (instance property in both SDKs) to count attempts per call. */
export function countAttempts(client: { fetch?: unknown }): void {
  const original = client.fetch;
  if (typeof original !== 'function' || fetchPatched.has(client)) return;
  fetchPatched.add(client);
  client.fetch = function kennelCountingFetch(this: unknown, ...args: unknown[]) {
    const counter = attempts.getStore();
    if (counter) counter.count++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/**
 * Runs one SDK call with telemetry around it. Exactly one llm-kind span per call: dd-trace's own
 * when its integration traced the call, else kennel's; none when an `llm()` span already wraps
 * the call (that span gets the tokens). The SDK's return value is handed back untouched
 * (APIPromise helpers like `.withResponse()` keep working); a streamed body is observed in place.
 */
export function instrumentedCall<T>(runtime: Runtime, spec: CallSpec, call: () => T): T {
  const startTime = Date.now();
  const counter = { count: 0 };
  const { result, auto } = callDetectingAutoInstrumentation(spec.provider, () => attempts.run(counter, call));
  try {
    observe(runtime, spec, result, { auto, counter, startTime });
  } catch (error) {
    runtime.warnOnce('observe-failed', 'could not observe an LLM call; its telemetry is partial', { error: String(error) });
  }
  return result;
}

function observe(runtime: Runtime, spec: CallSpec, result: unknown, call: { auto: boolean; counter: { count: number }; startTime: number }): void {
  const { auto, counter, startTime } = call;
  const scope = currentScope();
  const parent = scope?.span && !scope.span.finished && scope.span.kind === spec.kind ? scope.span : undefined;

  const init: Partial<SpanState> = {
    provider: spec.tagProvider,
    model: spec.model,
    profile: spec.profile ?? scope?.profile,
    operation: spec.operation,
    streamed: spec.streamed,
  };
  let state: SpanState;
  let end: (error?: unknown) => void;
  if (parent || auto || !runtime.llmobs) {
    // Metrics-only state. A wrapping llm() span is annotated with the tokens but not counted again.
    state = createState(runtime, spec.kind, init);
    end = (error) => {
      if (parent) {
        parent.recorded = true;
        if (!parent.usage && state.usage) annotateState(parent, { usage: state.usage });
      }
      finishState(state, undefined, error);
    };
  } else {
    const ended: { end?: (error?: unknown) => void } = {};
    state = openSpan(
      runtime,
      spec.kind,
      { name: spec.spanName, modelName: spec.model, modelProvider: spec.tagProvider, profile: init.profile, input: spec.input, metadata: spec.metadata },
      (s, finish) => {
        ended.end = finish;
        return s;
      },
      startTime,
    );
    Object.assign(state, { operation: spec.operation, streamed: spec.streamed });
    end = (error) => ended.end?.(error);
  }
  // performance.now() baseline from before the call, so duration includes request set-up.
  (state as { startedAt: number }).startedAt = performance.now() - (Date.now() - startTime);

  const finish = (error?: unknown) => {
    state.retries = Math.max(0, counter.count - 1);
    end(error);
  };
  if (!isThenable(result)) {
    finish();
    return;
  }
  const onBody = (body: unknown) => {
    try {
      if (spec.streamed && spec.streamAccumulator && observeStream(body, state, spec.streamAccumulator(), finish, spec.hideChunk)) return;
      annotateState(state, spec.fromBody(body));
      finish();
    } catch (error) {
      runtime.warnOnce('observe-failed', 'could not read an LLM response; its telemetry is partial', { error: String(error) });
      finish();
    }
  };
  if (!hookParse(result, onBody, finish)) result.then(onBody, (error: unknown) => finish(error));
}

/**
 * Observes an SDK APIPromise without awaiting it a second time: its memoised `parseResponse` is
 * wrapped and its `responsePromise` watched for failures. Awaiting it ourselves would make
 * dd-trace's openai integration (which hooks every `parse()`) wrap a stream twice.
 */
function hookParse(result: unknown, onBody: (body: unknown) => void, onError: (error: unknown) => void): boolean {
  const api = result as { parseResponse?: (...args: unknown[]) => Promise<unknown>; responsePromise?: unknown };
  const parse = api.parseResponse;
  if (typeof parse !== 'function' || !isThenable(api.responsePromise)) return false;
  api.parseResponse = async function kennelParseResponse(this: unknown, ...args: unknown[]) {
    let body: unknown;
    try {
      body = await parse.apply(this, args);
    } catch (error) {
      onError(error);
      throw error;
    }
    onBody(body);
    return body;
  };
  api.responsePromise.then(undefined, onError);
  return true;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}
