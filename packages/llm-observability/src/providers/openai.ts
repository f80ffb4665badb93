import type { Runtime } from '../internal-types.js';
import type { InstrumentOptions, LlmAnnotation, LlmMessage } from '../types.js';
import { openAiUsage } from '../usage.js';
import { countAttempts, instrumentedCall, type CallSpec, type StreamAccumulator } from './call.js';
import { wrapMethod } from './wrap.js';
import { parseJson, str } from './json.js';

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

/**
 * Instruments an `openai` client in place: chat.completions.create (streamed or not),
 * completions.create, responses.create and embeddings.create. Streamed chat calls ask for usage
 * (`stream_options.include_usage`) when the caller did not, and hide that extra chunk from them.
 */
export function instrumentOpenAIClient<T extends object>(resolve: () => Runtime | undefined, client: T, options: InstrumentOptions = {}): T {
  const c = client as unknown as { chat?: { completions?: object }; completions?: object; responses?: object; embeddings?: object; baseURL?: string; fetch?: unknown };
  countAttempts(c);
  const provider = options.provider ?? providerFromBaseUrl(c.baseURL);
  const base = { provider: 'openai' as const, tagProvider: provider, profile: options.profile };
  wrapMethod(resolve, c.chat?.completions, 'create', (runtime, original, self, params: Params, rest) => {
    const { args, injected } = withUsageRequested(params);
    return instrumentedCall(runtime, chatSpec(base, params, injected), () => original.call(self, args, ...rest));
  });
  wrapMethod(resolve, c.completions, 'create', (runtime, original, self, params: Params, rest) => {
    const { args, injected } = withUsageRequested(params);
    const spec = { ...chatSpec(base, params, injected), operation: 'text_completion', spanName: 'openai.createCompletion', input: str(params.prompt) };
    return instrumentedCall(runtime, spec, () => original.call(self, args, ...rest));
  });
  wrapMethod(resolve, c.responses, 'create', (runtime, original, self, params: Params, rest) =>
    instrumentedCall(runtime, responsesSpec(base, params), () => original.call(self, params, ...rest)),
  );
  wrapMethod(resolve, c.embeddings, 'create', (runtime, original, self, params: Params, rest) =>
    instrumentedCall(runtime, embeddingsSpec(base, params), () => original.call(self, params, ...rest)),
  );
  return client;
}

type Base = Pick<CallSpec, 'provider' | 'tagProvider' | 'profile'>;

function chatSpec(base: Base, params: Params, injectedUsage: boolean): CallSpec {
  return {
    ...base,
    operation: 'chat',
    spanName: 'openai.createChatCompletion',
    kind: 'llm',
    model: str(params.model),
    streamed: params.stream === true,
    input: Array.isArray(params.messages) ? params.messages.map(toMessage) : undefined,
    metadata: requestMetadata(params),
    fromBody: (body) => chatAnnotation(body as Json),
    streamAccumulator: chatStream,
    hideChunk: injectedUsage ? isUsageOnlyChunk : undefined,
  };
}

function chatAnnotation(body: Json): LlmAnnotation {
  const choices = Array.isArray(body?.choices) ? (body.choices as Json[]) : [];
  return {
    output: choices.map((c) => toMessage((c.message ?? { role: 'assistant', content: str(c.text) ?? '' }) as Json)),
    usage: openAiUsage(body?.usage),
    responseModel: str(body?.model),
    finishReasons: choices.map((c) => str(c.finish_reason)).filter((r): r is string => r !== undefined),
  };
}

/** Rebuilds the assistant message from deltas; usage arrives on the final chunk. */
function chatStream(): StreamAccumulator {
  let content = '';
  let role = 'assistant';
  let model: string | undefined;
  let usage: Json | undefined;
  const finishReasons: string[] = [];
  const tools = new Map<number, { name?: string; arguments: string; toolId?: string; type?: string }>();
  return {
    add(chunk) {
      const c = chunk as Json;
      model ??= str(c.model);
      if (c.usage) usage = c.usage as Json;
      const choices = Array.isArray(c.choices) ? (c.choices as Json[]) : [];
      for (const choice of choices) {
        const delta = (choice.delta ?? {}) as Json;
        if (typeof delta.role === 'string') role = delta.role;
        if (typeof delta.content === 'string') content += delta.content;
        if (typeof choice.text === 'string') content += choice.text;
        for (const call of (Array.isArray(delta.tool_calls) ? delta.tool_calls : []) as Json[]) {
          const index = typeof call.index === 'number' ? call.index : 0;
          const fn = (call.function ?? {}) as Json;
          const entry = tools.get(index) ?? { arguments: '' };
          entry.name ??= str(fn.name);
          entry.toolId ??= str(call.id);
          entry.type ??= str(call.type);
          entry.arguments += str(fn.arguments) ?? '';
          tools.set(index, entry);
        }
        if (typeof choice.finish_reason === 'string') finishReasons.push(choice.finish_reason);
      }
    },
    result() {
      const message: LlmMessage = { role, content };
      if (tools.size > 0) message.toolCalls = [...tools.values()].map((t) => ({ ...t, arguments: parseJson(t.arguments) }));
      return { output: [message], usage: openAiUsage(usage), responseModel: model, finishReasons };
    },
  };
}

function responsesSpec(base: Base, params: Params): CallSpec {
  const input: LlmMessage[] = typeof params.input === 'string' ? [{ role: 'user', content: params.input }] : Array.isArray(params.input) ? (params.input as Json[]).map(toMessage) : [];
  const fromResponse = (r: Json | undefined): LlmAnnotation => ({
    output: outputText(r),
    usage: openAiUsage(r?.usage),
    responseModel: str(r?.model),
    finishReasons: r?.status ? [String(r.status)] : [],
  });
  return {
    ...base,
    operation: 'chat',
    spanName: 'openai.createResponse',
    kind: 'llm',
    model: str(params.model),
    streamed: params.stream === true,
    input: typeof params.instructions === 'string' ? [{ role: 'system', content: params.instructions }, ...input] : input,
    metadata: requestMetadata(params),
    fromBody: (body) => fromResponse(body as Json),
    streamAccumulator: () => {
      let final: Json | undefined;
      return {
        add(event) {
          const e = event as Json;
          if (e.response && typeof e.type === 'string' && /^response\.(completed|failed|incomplete)$/.test(e.type)) final = e.response as Json;
        },
        result: () => fromResponse(final),
      };
    },
  };
}

function embeddingsSpec(base: Base, params: Params): CallSpec {
  const texts = Array.isArray(params.input) ? params.input : [params.input];
  return {
    ...base,
    operation: 'embeddings',
    spanName: 'openai.createEmbedding',
    kind: 'embedding',
    model: str(params.model),
    streamed: false,
    input: texts.filter((t): t is string => typeof t === 'string').map((text) => ({ text })),
    metadata: params.dimensions ? { dimensions: params.dimensions } : {},
    fromBody: (body) => {
      const b = body as Json;
      const data = Array.isArray(b?.data) ? (b.data as Json[]) : [];
      const first = data[0]?.embedding;
      const dims = Array.isArray(first) ? first.length : undefined;
      return { output: `[${data.length} embedding(s)${dims ? ` with ${dims} dimensions` : ''}]`, usage: openAiUsage(b?.usage), responseModel: str(b?.model) };
    },
  };
}

/** The final chunk `include_usage` adds: usage, no choices. */
function isUsageOnlyChunk(chunk: unknown): boolean {
  const c = chunk as Json;
  return Array.isArray(c?.choices) && c.choices.length === 0 && c.usage != null;
}

/** Streamed chat without usage gets `include_usage`; the caller never sees the extra usage chunk. */
function withUsageRequested(params: Params): { args: Params; injected: boolean } {
  if (params?.stream !== true) return { args: params, injected: false };
  const streamOptions = (params.stream_options ?? {}) as Json;
  if (streamOptions.include_usage !== undefined) return { args: params, injected: false };
  return { args: { ...params, stream_options: { ...streamOptions, include_usage: true } }, injected: true };
}

const METADATA_KEYS = ['temperature', 'max_tokens', 'max_completion_tokens', 'max_output_tokens', 'top_p', 'n', 'stop', 'seed', 'tool_choice', 'reasoning_effort', 'response_format'];

function requestMetadata(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) if (params[key] !== undefined) out[key] = params[key];
  if (Array.isArray(params.tools)) out.tools = (params.tools as Json[]).map((t) => str((t.function as Json | undefined)?.name) ?? str(t.name) ?? str(t.type));
  if (params.stream === true) out.stream = true;
  return out;
}

function toMessage(m: Json): LlmMessage {
  const message: LlmMessage = { role: str(m?.role) ?? 'user', content: contentText(m?.content) };
  if (Array.isArray(m?.tool_calls)) {
    message.toolCalls = (m.tool_calls as Json[]).map((t) => {
      const fn = (t.function ?? {}) as Json;
      return { name: str(fn.name), arguments: parseJson(str(fn.arguments) ?? ''), toolId: str(t.id), type: str(t.type) };
    });
  }
  if (m?.role === 'tool') message.toolResults = [{ result: contentText(m.content), toolId: str(m.tool_call_id), type: 'function' }];
  return message;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : (str((p as Json)?.text) ?? `[${str((p as Json)?.type) ?? 'part'}]`))).join('');
  return '';
}

function outputText(r: Json | undefined): LlmMessage[] {
  if (typeof r?.output_text === 'string') return [{ role: 'assistant', content: r.output_text }];
  const items = Array.isArray(r?.output) ? (r.output as Json[]) : [];
  return items.map((item) =>
    item.type === 'function_call'
      ? { role: 'assistant', content: '', toolCalls: [{ name: str(item.name), arguments: parseJson(str(item.arguments) ?? ''), toolId: str(item.call_id), type: 'function' }] }
      : { role: str(item.role) ?? 'assistant', content: contentText(item.content) },
  );
}

function providerFromBaseUrl(baseUrl: string | undefined): string {
  if (!baseUrl || baseUrl.includes('api.openai.com')) return 'openai';
  if (baseUrl.includes(':11434')) return 'ollama';
  return 'openai';
}


