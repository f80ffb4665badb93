import type { ServerResponse } from 'node:http';
import { countWords, type FakeServer, sendJson, sleep, startJsonServer, startSse } from './http.js';

/**
 * A small Anthropic-Messages-compatible server (POST /v1/messages, JSON or SSE) with canned answers.
 * Model names pick behaviour as in the OpenAI-compatible server: `error-<status>`, `slow`, `tools`,
 * `broken-stream`. Usage follows Anthropic: `input_tokens` excludes cache reads/writes, which are
 * reported as `cache_read_input_tokens` / `cache_creation_input_tokens`.
 */
export interface AnthropicCompatibleServerOptions {
  reply?: string;
  /** @default 0 */
  cacheReadTokens?: number;
  /** @default 0 */
  cacheWriteTokens?: number;
  /** @default 200 */
  slowFirstTokenMs?: number;
}

type Json = Record<string, any>;

export async function startAnthropicCompatibleServer(options: AnthropicCompatibleServerOptions = {}): Promise<FakeServer> {
  const reply = options.reply ?? 'Hello from the kennel test model.';
  return startJsonServer(async (req, res) => {
    const body = (req.body ?? {}) as Json;
    const model = String(body.model ?? 'claude-test');
    if (req.method !== 'POST' || req.path !== '/v1/messages') return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${req.path}` } });
    const errorStatus = /^error-(\d{3})$/.exec(model)?.[1];
    if (errorStatus) {
      const status = Number(errorStatus);
      const type = status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
      return sendJson(res, status, { type: 'error', error: { type, message: `kennel test server: simulated ${status}` } });
    }
    if (model === 'slow') await sleep(options.slowFirstTokenMs ?? 200);
    const usage = {
      input_tokens: countWords(JSON.stringify(body.messages ?? '').replace(/[{}[\]",:]/g, ' ')),
      output_tokens: countWords(reply),
      cache_read_input_tokens: options.cacheReadTokens ?? 0,
      cache_creation_input_tokens: options.cacheWriteTokens ?? 0,
    };
    const tool = model === 'tools' && Array.isArray(body.tools) ? body.tools[0] : undefined;
    const content = tool ? [{ type: 'tool_use', id: 'toolu_kennel', name: tool.name, input: { city: 'Paris' } }] : [{ type: 'text', text: reply }];
    const stopReason = tool ? 'tool_use' : 'end_turn';
    if (!body.stream) {
      return sendJson(res, 200, { id: 'msg_kennel', type: 'message', role: 'assistant', model, content, stop_reason: stopReason, stop_sequence: null, usage });
    }
    return stream(res, model, reply, content, stopReason, usage);
  });
}

function stream(res: ServerResponse, model: string, reply: string, content: Json[], stopReason: string, usage: Json): void {
  const send = startSse(res);
  const event = (type: string, data: Json) => send({ type, ...data }, type);
  event('message_start', { message: { id: 'msg_kennel', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  const first = content[0] ?? {};
  if (first.type === 'tool_use') {
    event('content_block_start', { index: 0, content_block: { ...first, input: {} } });
    event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: JSON.stringify(first.input) } });
  } else {
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    for (const [i, word] of reply.split(' ').entries()) {
      if (model === 'broken-stream' && i === 2) return void res.destroy();
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: i === 0 ? word : ` ${word}` } });
    }
  }
  event('content_block_stop', { index: 0 });
  event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
  event('message_stop', {});
  res.end();
}
