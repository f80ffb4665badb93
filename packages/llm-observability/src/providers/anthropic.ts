import type { Runtime } from '../internal-types.js';
import type { InstrumentOptions, LlmAnnotation, LlmMessage } from '../types.js';
import { anthropicUsage, mergeUsage } from '../usage.js';
import { countAttempts, instrumentedCall, type CallSpec, type StreamAccumulator } from './call.js';
import { wrapMethod } from './wrap.js';
import { parseJson } from './json.js';

type Json = Record<string, unknown>;

/** Instruments an `@anthropic-ai/sdk` client in place: messages.create, streamed or not (messages.stream goes through it). */
export function instrumentAnthropicClient<T extends object>(resolve: () => Runtime | undefined, client: T, options: InstrumentOptions = {}): T {
  const c = client as unknown as { messages?: object; fetch?: unknown };
  countAttempts(c);
  wrapMethod(resolve, c.messages, 'create', (runtime, original, self, params, rest) =>
    instrumentedCall(runtime, messagesSpec(options, params), () => original.call(self, params, ...rest)),
  );
  return client;
}

function messagesSpec(options: InstrumentOptions, params: Json): CallSpec {
  const messages = Array.isArray(params.messages) ? (params.messages as Json[]).map(toMessage) : [];
  const system = systemText(params.system);
  const metadata: Record<string, unknown> = {};
  for (const key of ['max_tokens', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'tool_choice']) if (params[key] !== undefined) metadata[key] = params[key];
  if (Array.isArray(params.tools)) metadata.tools = (params.tools as Json[]).map((t) => t.name);
  if (params.stream === true) metadata.stream = true;
  return {
    provider: 'anthropic',
    tagProvider: options.provider ?? 'anthropic',
    profile: options.profile,
    operation: 'chat',
    spanName: 'anthropic.request',
    kind: 'llm',
    model: typeof params.model === 'string' ? params.model : undefined,
    streamed: params.stream === true,
    input: system ? [{ role: 'system', content: system }, ...messages] : messages,
    metadata,
    fromBody: (body) => fromMessage(body as Json),
    streamAccumulator: messageStream,
  };
}

function fromMessage(m: Json | undefined): LlmAnnotation {
  const blocks = Array.isArray(m?.content) ? (m.content as Json[]) : [];
  return {
    output: [blocksToMessage('assistant', blocks)],
    usage: anthropicUsage(m?.usage),
    responseModel: typeof m?.model === 'string' ? m.model : undefined,
    finishReasons: typeof m?.stop_reason === 'string' ? [m.stop_reason] : [],
  };
}

/** Rebuilds the message from SSE events: usage from message_start, final output tokens from message_delta. */
function messageStream(): StreamAccumulator {
  let model: string | undefined;
  let usage: ReturnType<typeof anthropicUsage>;
  let stopReason: string | undefined;
  const blocks: Json[] = [];
  const partialJson = new Map<number, string>();
  return {
    add(event) {
      const e = event as Json;
      const index = typeof e.index === 'number' ? e.index : 0;
      if (e.type === 'message_start') {
        const message = (e.message ?? {}) as Json;
        model = typeof message.model === 'string' ? message.model : model;
        usage = mergeUsage(usage, anthropicUsage(message.usage));
      } else if (e.type === 'content_block_start') {
        blocks[index] = { ...((e.content_block ?? {}) as Json) };
      } else if (e.type === 'content_block_delta') {
        const delta = (e.delta ?? {}) as Json;
        const block = (blocks[index] ??= { type: 'text', text: '' });
        if (typeof delta.text === 'string') block.text = `${typeof block.text === 'string' ? block.text : ''}${delta.text}`;
        if (typeof delta.partial_json === 'string') partialJson.set(index, (partialJson.get(index) ?? '') + delta.partial_json);
      } else if (e.type === 'message_delta') {
        usage = mergeUsage(usage, anthropicUsage(e.usage));
        const delta = (e.delta ?? {}) as Json;
        if (typeof delta.stop_reason === 'string') stopReason = delta.stop_reason;
      }
    },
    result() {
      for (const [index, json] of partialJson) {
        const block = blocks[index];
        if (block) block.input = parseJson(json);
      }
      return { output: [blocksToMessage('assistant', blocks.filter(Boolean))], usage, responseModel: model, finishReasons: stopReason ? [stopReason] : [] };
    },
  };
}

function toMessage(m: Json): LlmMessage {
  const role = typeof m.role === 'string' ? m.role : 'user';
  if (typeof m.content === 'string') return { role, content: m.content };
  return blocksToMessage(role, Array.isArray(m.content) ? (m.content as Json[]) : []);
}

function blocksToMessage(role: string, blocks: Json[]): LlmMessage {
  const message: LlmMessage = { role, content: '' };
  for (const b of blocks) {
    if (b.type === 'text' && typeof b.text === 'string') message.content += b.text;
    else if (b.type === 'tool_use') (message.toolCalls ??= []).push({ name: String(b.name ?? ''), arguments: b.input ?? {}, toolId: String(b.id ?? ''), type: 'tool_use' });
    else if (b.type === 'tool_result') (message.toolResults ??= []).push({ result: typeof b.content === 'string' ? b.content : JSON.stringify(b.content ?? ''), toolId: String(b.tool_use_id ?? ''), type: 'tool_result' });
    else if (b.type === 'thinking') continue;
    else message.content += `[${String(b.type)}]`;
  }
  return message;
}

function systemText(system: unknown): string | undefined {
  if (typeof system === 'string') return system;
  if (Array.isArray(system)) return system.map((b) => (typeof (b as Json)?.text === 'string' ? (b as Json).text : '')).join('');
  return undefined;
}

